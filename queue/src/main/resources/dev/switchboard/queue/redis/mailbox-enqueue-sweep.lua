-- Enqueue when the cap would reject: sweep first, then check again.
-- ARGV: now, dedupe_ms, dead_limit, id, body, receivedAt, expiresAt, maxCount, maxBytes
-- returns {0, pendingCount, reclaimed, expired} stored | {1, 0, reclaimed, expired} duplicate
--       | {2, limit(0 count,1 bytes), reclaimed, expired, storedCount, storedBytes} full
local now, dedupe_ms, dead_limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local id, body = ARGV[4], ARGV[5]
local reclaimed, expired = sweep(now, dedupe_ms, dead_limit)
local st = redis.call('HMGET', K_MSG, 'm:' .. id, 'd:' .. id, '#n', '#b')
if st[1] or st[2] then
  reindex()
  return {1, 0, reclaimed, expired}
end
local n, b, size = tonumber(st[3] or '0'), tonumber(st[4] or '0'), string.len(body)
if n + 1 > tonumber(ARGV[8]) then
  reindex()
  return {2, 0, reclaimed, expired, n, b}
end
if b + size > tonumber(ARGV[9]) then
  reindex()
  return {2, 1, reclaimed, expired, n, b}
end
redis.call('HSET', K_MSG, 'b:' .. id, body,
  'm:' .. id, ARGV[6] .. '|' .. ARGV[7] .. '|' .. size .. '|0|', '#n', n + 1, '#b', b + size)
redis.call('ZADD', K_PENDING, ARGV[6], id)
redis.call('ZADD', K_EXPIRY, ARGV[7], id)
total(1, size)
reindex()
return {0, redis.call('ZCARD', K_PENDING), reclaimed, expired}
