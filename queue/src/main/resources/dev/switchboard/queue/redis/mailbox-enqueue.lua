-- ARGV: now, dedupe_ms, dead_limit, id, body, receivedAt, expiresAt, maxCount, maxBytes
-- returns {0, pendingCount, reclaimed, expired} stored | {1, 0, reclaimed, expired} duplicate
--       | {2, limit(0 count,1 bytes), reclaimed, expired, storedCount, storedBytes} full
-- The sweep (lease reclaim, expiry) runs only when the cap would reject: expired messages must not
-- hold the cap, and reads sweep anyway.
local now, dedupe_ms, dead_limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local id, body, recv, exp = ARGV[4], ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
local max_count, max_bytes = tonumber(ARGV[8]), tonumber(ARGV[9])
if redis.call('HEXISTS', K_META, id) == 1 or redis.call('ZSCORE', K_DONE, id) then
  return {1, 0, 0, 0}
end
local size = string.len(body)
local stats = redis.call('HMGET', K_STATS, 'n', 'b')
local n, b = tonumber(stats[1] or '0'), tonumber(stats[2] or '0')
local reclaimed, expired = 0, 0
if n + 1 > max_count or b + size > max_bytes then
  reclaimed, expired = sweep(now, dedupe_ms, dead_limit)
  stats = redis.call('HMGET', K_STATS, 'n', 'b')
  n, b = tonumber(stats[1] or '0'), tonumber(stats[2] or '0')
  if n + 1 > max_count then
    return {2, 0, reclaimed, expired, n, b}
  end
  if b + size > max_bytes then
    return {2, 1, reclaimed, expired, n, b}
  end
end
redis.call('HSET', K_BODY, id, body)
redis.call('HSET', K_META, id, format(recv, exp, size, 0, ''))
redis.call('ZADD', K_PENDING, recv, id)
redis.call('ZADD', K_EXPIRY, exp, id)
redis.call('HINCRBY', K_STATS, 'n', 1)
redis.call('HINCRBY', K_STATS, 'b', size)
redis.call('HINCRBY', K_STATS, 'pb', size)
return {0, redis.call('ZCARD', K_PENDING), reclaimed, expired}
