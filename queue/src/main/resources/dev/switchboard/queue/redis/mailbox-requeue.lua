-- Puts a dead letter back into its mailbox as a pending message (an operator's requeue).
-- ARGV: now, dedupe_ms, dead_limit, id, expiresAt, maxCount, maxBytes
-- returns {0, pendingCount} requeued | {1} no such dead letter, or its bytes are not kept
--       | {2, limit(0 count,1 bytes)} the cap rejects it | {3} a message with this id is stored
-- The message keeps its receivedAt (it is delivered in its original place, oldest first) and gets a new
-- expiry; its dead-letter record and kept bytes are removed.
local now, dedupe_ms, dead_limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local id, expires = ARGV[4], ARGV[5]
sweep(now, dedupe_ms, dead_limit)
local record = nil
for _, r in ipairs(redis.call('LRANGE', K_DEAD, 0, -1)) do
  if dead_id(r) == id then
    record = r
    break
  end
end
local body = record and redis.call('HGET', K_DEADMSG, id)
if not body then
  reindex()
  return {1}
end
if redis.call('HEXISTS', K_MSG, 'm:' .. id) == 1 then
  reindex()
  return {3}
end
local st = redis.call('HMGET', K_MSG, '#n', '#b')
local n, b, size = tonumber(st[1] or '0'), tonumber(st[2] or '0'), string.len(body)
if n + 1 > tonumber(ARGV[6]) then
  reindex()
  return {2, 0}
end
if b + size > tonumber(ARGV[7]) then
  reindex()
  return {2, 1}
end
local recv = string.match(record, '^[^|]*|[^|]*|(%d+)|')
redis.call('HSET', K_MSG, 'b:' .. id, body, 'm:' .. id, format(recv, expires, size, 0, ''))
redis.call('HDEL', K_MSG, 'd:' .. id)
add('#n', 1)
add('#b', size)
redis.call('ZADD', K_PENDING, recv, id)
redis.call('ZADD', K_EXPIRY, expires, id)
redis.call('LREM', K_DEAD, 1, record)
redis.call('HDEL', K_DEADMSG, id)
reindex()
return {0, redis.call('ZCARD', K_PENDING)}
