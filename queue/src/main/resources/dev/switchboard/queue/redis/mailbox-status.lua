-- ARGV: now, dedupe_ms, dead_limit
-- returns {pendingCount, pendingBytes, oldestReceived or -1, newestReceived or -1, inFlight, reclaimed, expired}
local now, dedupe_ms, dead_limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local reclaimed, expired = sweep(now, dedupe_ms, dead_limit)
if reclaimed > 0 or expired > 0 then
  reindex()
end
local count = redis.call('ZCARD', K_PENDING)
local oldest, newest = -1, -1
if count > 0 then
  oldest = tonumber(redis.call('ZRANGE', K_PENDING, 0, 0, 'WITHSCORES')[2])
  newest = tonumber(redis.call('ZRANGE', K_PENDING, -1, -1, 'WITHSCORES')[2])
end
local st = redis.call('HMGET', K_MSG, '#b', '#ib')
local pending_bytes = tonumber(st[1] or '0') - tonumber(st[2] or '0')
return {count, pending_bytes, oldest, newest, redis.call('ZCARD', K_INFLIGHT), reclaimed, expired}
