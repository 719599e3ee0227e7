-- The common path, standalone (no prelude, no sweep), for one or more messages in one call: the
-- client groups enqueues that wait while earlier calls are in flight (see EnqueueBatcher.java).
-- Four commands per message; no number is formatted except the two figures.
-- KEYS: per message 3: pending, expiry, msg (see mailbox-prelude.lua); messages of several
--   recipients only on a standalone server (in a cluster every call holds one message); then, on a
--   standalone server only, 2 more: the totals HASH and the index ZSET of all mailboxes (prelude 8, 9)
-- ARGV: maxCount, maxBytes, then per message 5: id, body, size, receivedAt, expiresAt
-- returns per message: pendingCount (> 0) stored | -1 duplicate | -2 the cap would reject: the
--   client runs mailbox-enqueue-sweep.lua for it, which first drops expired messages
local max_count, max_bytes = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = {}
local messages = math.floor(#KEYS / 3)
local totals, index = nil, nil
if #KEYS % 3 == 2 then
  totals, index = KEYS[#KEYS - 1], KEYS[#KEYS]
end
local stored, stored_bytes = 0, 0
for i = 1, messages do
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
      if index then
        -- LT: a new entry, or an older receivedAt than the mailbox's current oldest
        redis.call('ZADD', index, 'LT', recv, KEYS[k])
        stored, stored_bytes = stored + 1, stored_bytes + tonumber(size)
      end
    end
  end
end
if stored > 0 then
  redis.call('HINCRBY', totals, 'n', stored)
  redis.call('HINCRBY', totals, 'b', stored_bytes)
end
return out
