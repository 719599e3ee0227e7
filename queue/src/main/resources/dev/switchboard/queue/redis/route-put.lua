-- KEYS: 1 routes HASH connectionId -> "since\nleaseUntil\ninstanceId\nsend\ndisconnect"
-- ARGV: connectionId, since, leaseUntil, instanceId, send, disconnect, now
-- keeps the earlier since of the same socket; keeps the hash alive until its longest lease ends
local key, conn = KEYS[1], ARGV[1]
local since, lease_until, now = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[7])
local old = redis.call('HGET', key, conn)
if old then
  since = string.match(old, '^(%d+)\n')
end
redis.call('HSET', key, conn, since .. '\n' .. ARGV[3] .. '\n' .. ARGV[4] .. '\n' .. ARGV[5] .. '\n' .. ARGV[6])
local want = lease_until - now
if want > 0 and redis.call('PTTL', key) < want then
  redis.call('PEXPIRE', key, want)
end
return 1
