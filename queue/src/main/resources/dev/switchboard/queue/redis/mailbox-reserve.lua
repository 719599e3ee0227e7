-- ARGV: now, dedupe_ms, dead_limit, maxCount, maxBytes, owner, leaseUntil
-- returns {reclaimed, expired, id1, body1, receivedAt1, expiresAt1, attempt1, id2, ...} oldest first
local now, dedupe_ms, dead_limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local max_count, max_bytes, owner, lease_until = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
local reclaimed, expired = sweep(now, dedupe_ms, dead_limit)
local out = {reclaimed, expired}
local total, taken = 0, 0
for _, id in ipairs(redis.call('ZRANGE', K_PENDING, 0, max_count - 1)) do
  local meta = redis.call('HGET', K_META, id)
  if meta then
    local recv, exp, size, attempt = parse(meta)
    if taken > 0 and total + size > max_bytes then
      break
    end
    total, taken = total + size, taken + 1
    attempt = attempt + 1
    redis.call('ZREM', K_PENDING, id)
    redis.call('ZADD', K_INFLIGHT, lease_until, id)
    redis.call('HSET', K_META, id, format(recv, exp, size, attempt, owner))
    redis.call('HINCRBY', K_STATS, 'pb', -size)
    local n = #out
    out[n + 1], out[n + 2], out[n + 3], out[n + 4], out[n + 5] =
      id, redis.call('HGET', K_BODY, id), recv, exp, attempt
  else
    redis.call('ZREM', K_PENDING, id)
  end
end
return out
