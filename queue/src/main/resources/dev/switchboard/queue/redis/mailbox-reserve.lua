-- ARGV: now, dedupe_ms, dead_limit, maxCount, maxBytes, owner, leaseUntil
-- returns {reclaimed, expired, id1, body1, receivedAt1, expiresAt1, attempt1, id2, ...} oldest first
--   (receivedAt and expiresAt as strings of digits, attempt as an integer)
local now, dedupe_ms, dead_limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local max_count, max_bytes, owner, lease_until = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], ARGV[7]
local reclaimed, expired = sweep(now, dedupe_ms, dead_limit)
local out = {reclaimed, expired}
local candidates = redis.call('ZRANGE', K_PENDING, '0', max_count - 1)
if #candidates == 0 then
  reindex()
  return out
end
local fields = {'#ib'}
for i, id in ipairs(candidates) do
  fields[i + 1] = 'm:' .. id
end
local metas = redis.call('HMGET', K_MSG, unpack(fields))
local taken, total = {}, 0
local inflight, updates, bodies, orphans = {}, {}, {}, {}
for i, id in ipairs(candidates) do
  local meta = metas[i + 1]
  if meta then
    local recv, exp, sz, attempt = parse(meta)
    local size = tonumber(sz)
    if #taken > 0 and total + size > max_bytes then
      break
    end
    total = total + size
    attempt = attempt + 1
    taken[#taken + 1] = id
    bodies[#bodies + 1] = 'b:' .. id
    inflight[#inflight + 1] = lease_until
    inflight[#inflight + 1] = id
    updates[#updates + 1] = 'm:' .. id
    updates[#updates + 1] = format(recv, exp, sz, attempt, owner)
    local n = #out
    out[n + 1], out[n + 2], out[n + 3], out[n + 4], out[n + 5] = id, false, recv, exp, attempt
  else
    orphans[#orphans + 1] = id
  end
end
if #orphans > 0 then
  redis.call('ZREM', K_PENDING, unpack(orphans))
end
if #taken == 0 then
  reindex()
  return out
end
updates[#updates + 1] = '#ib'
updates[#updates + 1] = tonumber(metas[1] or '0') + total
redis.call('ZREM', K_PENDING, unpack(taken))
redis.call('ZADD', K_INFLIGHT, unpack(inflight))
redis.call('HSET', K_MSG, unpack(updates))
reindex()
local data = redis.call('HMGET', K_MSG, unpack(bodies))
for i = 1, #taken do
  out[2 + (i - 1) * 5 + 2] = data[i]
end
return out
