-- ARGV: owner, leaseUntil, id1, id2, ...; gives the in-flight messages among the ids that owner still holds the
-- lease leaseUntil; returns how many
local owner, lease_until = ARGV[1], ARGV[2]
local renewed = 0
for i = 3, #ARGV do
  local id = ARGV[i]
  if redis.call('ZSCORE', K_INFLIGHT, id) then
    local meta = redis.call('HGET', K_MSG, 'm:' .. id)
    if meta then
      local _, _, _, _, holder = parse(meta)
      if holder == owner then
        redis.call('ZADD', K_INFLIGHT, 'XX', lease_until, id)
        renewed = renewed + 1
      end
    end
  end
end
return renewed
