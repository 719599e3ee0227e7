-- ARGV: now, dedupe_ms, dead_limit, maxCount, maxBytes, owner, leaseUntil
-- returns {reclaimed, expired, id1, body1, receivedAt1, expiresAt1, attempt1, id2, ...} oldest first
local now, dedupe_ms, dead_limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local max_count, max_bytes, owner, lease_until = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
local reclaimed, expired = sweep(now, dedupe_ms, dead_limit)
local out = {reclaimed, expired}
local candidates = redis.call('ZRANGE', K_PENDING, 0, max_count - 1)
if #candidates == 0 then
  return out
end
local metas = redis.call('HMGET', K_META, unpack(candidates))
local taken, total = {}, 0
local inflight, new_meta, orphans = {}, {}, {}
for i, id in ipairs(candidates) do
  local meta = metas[i]
  if meta then
    local recv, exp, size, attempt = parse(meta)
    if #taken > 0 and total + size > max_bytes then
      break
    end
    total = total + size
    attempt = attempt + 1
    taken[#taken + 1] = id
    inflight[#inflight + 1] = lease_until
    inflight[#inflight + 1] = id
    new_meta[#new_meta + 1] = id
    new_meta[#new_meta + 1] = format(recv, exp, size, attempt, owner)
    local n = #out
    out[n + 1], out[n + 2], out[n + 3], out[n + 4], out[n + 5] = id, false, recv, exp, attempt
  else
    orphans[#orphans + 1] = id
  end
end
if #orphans > 0 then
  redis.call('ZREM', K_PENDING, unpack(orphans))
end
if #taken == 0 then
  return out
end
redis.call('ZREM', K_PENDING, unpack(taken))
redis.call('ZADD', K_INFLIGHT, unpack(inflight))
redis.call('HSET', K_META, unpack(new_meta))
redis.call('HINCRBY', K_STATS, 'pb', 0 - total)
local bodies = redis.call('HMGET', K_BODY, unpack(taken))
for i = 1, #taken do
  out[2 + (i - 1) * 5 + 2] = bodies[i]
end
return out
