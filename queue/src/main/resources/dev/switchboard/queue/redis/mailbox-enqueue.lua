-- The common path, standalone (no prelude, no sweep): five commands.
-- KEYS: 1 pending, 2 inflight, 3 expiry, 4 msg, 5 done, 6 dead (see mailbox-prelude.lua)
-- ARGV: now, dedupe_ms, dead_limit, id, body, receivedAt, expiresAt, maxCount, maxBytes
-- returns {0, pendingCount, 0, 0} stored | {1, 0, 0, 0} duplicate | {3} the cap would reject: run
-- mailbox-enqueue-sweep.lua, which first drops expired messages
local id, body = ARGV[4], ARGV[5]
local st = redis.call('HMGET', KEYS[4], 'm:' .. id, 'd:' .. id, '#n', '#b')
if st[1] or st[2] then
  return {1, 0, 0, 0}
end
local n, b, size = tonumber(st[3] or '0'), tonumber(st[4] or '0'), string.len(body)
if n + 1 > tonumber(ARGV[8]) or b + size > tonumber(ARGV[9]) then
  return {3}
end
redis.call('HSET', KEYS[4], 'b:' .. id, body,
  'm:' .. id, ARGV[6] .. '|' .. ARGV[7] .. '|' .. size .. '|0|', '#n', n + 1, '#b', b + size)
redis.call('ZADD', KEYS[1], ARGV[6], id)
redis.call('ZADD', KEYS[3], ARGV[7], id)
return {0, redis.call('ZCARD', KEYS[1]), 0, 0}
