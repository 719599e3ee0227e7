-- ARGV: now, dedupe_ms, id...
-- returns how many ids were deleted; remembers them for the de-duplication window
local now, dedupe_ms = tonumber(ARGV[1]), tonumber(ARGV[2])
local deleted = 0
for i = 3, #ARGV do
  local id = ARGV[i]
  local meta = redis.call('HGET', K_META, id)
  if meta then
    delete(id, meta)
    redis.call('ZADD', K_DONE, now, id)
    deleted = deleted + 1
  end
end
redis.call('ZREMRANGEBYSCORE', K_DONE, '-inf', now - dedupe_ms)
return deleted
