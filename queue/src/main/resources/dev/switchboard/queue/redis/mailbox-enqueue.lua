-- The common path, standalone (no prelude, no sweep), for one or more messages in one call: the
-- client groups enqueues that wait while earlier calls are in flight (see EnqueueBatcher.java).
-- Four commands per message; no number is formatted except the two figures.
-- KEYS: per message 3: pending, expiry, msg (see mailbox-prelude.lua); messages of several
--   recipients only on a standalone server (in a cluster every call holds one message)
-- ARGV: maxCount, maxBytes, then per message 5: id, body, size, receivedAt, expiresAt
-- returns per message: pendingCount (> 0) stored | -1 duplicate | -2 the cap would reject: the
--   client runs mailbox-enqueue-sweep.lua for it, which first drops expired messages
local max_count, max_bytes = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = {}
for i = 1, #KEYS / 3 do
  local k, a = 3 * i - 2, 5 * i - 2
  local msg, id, size = KEYS[k + 2], ARGV[a], ARGV[a + 2]
  local st = redis.call('HMGET', msg, 'm:' .. id, 'd:' .. id, '#n', '#b')
  if st[1] or st[2] then
    out[i] = -1
  else
    local n, b = tonumber(st[3] or '0') + 1, tonumber(st[4] or '0') + tonumber(size)
    if n > max_count or b > max_bytes then
      out[i] = -2
    else
      local recv, exp = ARGV[a + 3], ARGV[a + 4]
      redis.call('HSET', msg, 'b:' .. id, ARGV[a + 1], 'm:' .. id, recv .. '|' .. exp .. '|' .. size .. '|0|',
        '#n', n, '#b', b)
      redis.call('ZADD', KEYS[k], recv, id)
      redis.call('ZADD', KEYS[k + 1], exp, id)
      out[i] = redis.call('ZCARD', KEYS[k])
    end
  end
end
return out
