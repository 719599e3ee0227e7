-- ARGV: owner; returns how many in-flight messages of that owner became pending
local owner = ARGV[1]
local released = 0
for _, id in ipairs(redis.call('ZRANGE', K_INFLIGHT, 0, -1)) do
  local meta = redis.call('HGET', K_MSG, 'm:' .. id)
  if meta then
    local _, _, _, _, holder = parse(meta)
    if holder == owner then
      to_pending(id, meta)
      released = released + 1
    end
  else
    redis.call('ZREM', K_INFLIGHT, id)
  end
end
if released > 0 then
  reindex()
end
return released
