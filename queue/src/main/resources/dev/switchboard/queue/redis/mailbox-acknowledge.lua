-- ARGV: now, dedupe_ms, id...
-- returns how many ids were deleted; remembers them for the de-duplication window
local now, dedupe_ms = tonumber(ARGV[1]), tonumber(ARGV[2])
local ids = {}
for i = 3, #ARGV do
  ids[#ids + 1] = ARGV[i]
end
local metas = redis.call('HMGET', K_META, unpack(ids))
local pending_scores = redis.call('ZMSCORE', K_PENDING, unpack(ids))
local found, done = {}, {}
local bytes, pending_bytes = 0, 0
for i, id in ipairs(ids) do
  local meta = metas[i]
  if meta then
    local _, _, size = parse(meta)
    found[#found + 1] = id
    done[#done + 1] = now
    done[#done + 1] = id
    bytes = bytes + size
    if pending_scores[i] then
      pending_bytes = pending_bytes + size
    end
  end
end
if #found > 0 then
  redis.call('ZREM', K_PENDING, unpack(found))
  redis.call('ZREM', K_INFLIGHT, unpack(found))
  redis.call('ZREM', K_EXPIRY, unpack(found))
  redis.call('HDEL', K_META, unpack(found))
  redis.call('HDEL', K_BODY, unpack(found))
  -- (0 - x), not -x: Lua formats -0 as "-0", which HINCRBY rejects
  redis.call('HINCRBY', K_STATS, 'n', 0 - #found)
  redis.call('HINCRBY', K_STATS, 'b', 0 - bytes)
  redis.call('HINCRBY', K_STATS, 'pb', 0 - pending_bytes)
  redis.call('ZADD', K_DONE, unpack(done))
end
redis.call('ZREMRANGEBYSCORE', K_DONE, '-inf', now - dedupe_ms)
return #found
