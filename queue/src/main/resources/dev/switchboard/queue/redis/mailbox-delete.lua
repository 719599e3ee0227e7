-- Deletes a mailbox entirely: pending and in-flight messages, de-duplication markers, dead letters
-- (a wallet's removal). ARGV: none; returns how many stored messages were deleted
local st = redis.call('HMGET', K_MSG, '#n', '#b')
local n, b = tonumber(st[1] or '0'), tonumber(st[2] or '0')
total(0 - n, 0 - b)
if K_INDEX then
  redis.call('ZREM', K_INDEX, K_PENDING)
end
redis.call('DEL', K_PENDING, K_INFLIGHT, K_EXPIRY, K_MSG, K_DONE, K_DEAD, K_DEADMSG)
return n
