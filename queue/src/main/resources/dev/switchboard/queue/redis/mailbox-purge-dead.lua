-- Deletes every dead-letter record of a mailbox and the bytes kept with them.
-- ARGV: none; returns how many records were deleted
local count = redis.call('LLEN', K_DEAD)
redis.call('DEL', K_DEAD, K_DEADMSG)
return count
