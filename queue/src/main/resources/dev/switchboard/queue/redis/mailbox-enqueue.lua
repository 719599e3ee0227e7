-- ARGV: now, dedupe_ms, dead_limit, id, body, receivedAt, expiresAt, maxCount, maxBytes
-- returns {0, pendingCount, reclaimed, expired} stored | {1, 0, reclaimed, expired} duplicate
--       | {2, limit(0 count,1 bytes), reclaimed, expired, storedCount, storedBytes} full
local now, dedupe_ms, dead_limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local id, body, recv, exp = ARGV[4], ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
local max_count, max_bytes = tonumber(ARGV[8]), tonumber(ARGV[9])
local reclaimed, expired = sweep(now, dedupe_ms, dead_limit)
if redis.call('HEXISTS', K_META, id) == 1 or redis.call('ZSCORE', K_DONE, id) then
  return {1, 0, reclaimed, expired}
end
local n = tonumber(redis.call('HGET', K_STATS, 'n') or '0')
local b = tonumber(redis.call('HGET', K_STATS, 'b') or '0')
local size = string.len(body)
if n + 1 > max_count then
  return {2, 0, reclaimed, expired, n, b}
end
if b + size > max_bytes then
  return {2, 1, reclaimed, expired, n, b}
end
redis.call('HSET', K_BODY, id, body)
redis.call('HSET', K_META, id, format(recv, exp, size, 0, ''))
redis.call('ZADD', K_PENDING, recv, id)
redis.call('ZADD', K_EXPIRY, exp, id)
redis.call('HINCRBY', K_STATS, 'n', 1)
redis.call('HINCRBY', K_STATS, 'b', size)
redis.call('HINCRBY', K_STATS, 'pb', size)
return {0, redis.call('ZCARD', K_PENDING), reclaimed, expired}
