-- ARGV: now, dedupe_ms, dead_limit
-- returns {pendingCount, pendingBytes, oldestReceived or -1, newestReceived or -1, inFlight, reclaimed, expired}
local now, dedupe_ms, dead_limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local reclaimed, expired = sweep(now, dedupe_ms, dead_limit)
local count = redis.call('ZCARD', K_PENDING)
local oldest, newest = -1, -1
if count > 0 then
  oldest = tonumber(redis.call('ZRANGE', K_PENDING, 0, 0, 'WITHSCORES')[2])
  newest = tonumber(redis.call('ZRANGE', K_PENDING, -1, -1, 'WITHSCORES')[2])
end
local pb = tonumber(redis.call('HGET', K_STATS, 'pb') or '0')
return {count, pb, oldest, newest, redis.call('ZCARD', K_INFLIGHT), reclaimed, expired}
