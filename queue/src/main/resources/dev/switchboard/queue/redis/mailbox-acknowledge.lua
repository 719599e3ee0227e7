-- ARGV: now, dedupe_ms, id...
-- returns how many ids were deleted; remembers them for the de-duplication window
-- A message is in flight exactly when its meta names an owner (reserve sets it, to_pending clears
-- it), so the meta alone tells which index holds it.
local now, dedupe_ms = ARGV[1], tonumber(ARGV[2])
local fields = {'#n', '#b', '#ib'}
for i = 3, #ARGV do
  fields[#fields + 1] = 'm:' .. ARGV[i]
end
local st = redis.call('HMGET', K_MSG, unpack(fields))
local found, pending, leased, gone, done, updates = {}, {}, {}, {}, {}, {}
local bytes, inflight_bytes, seen = 0, 0, {}
for i = 3, #ARGV do
  local meta, id = st[i + 1], ARGV[i]
  if meta and not seen[id] then
    seen[id] = true
    local size, owner = string.match(meta, '^%d+|%d+|(%d+)|%d+|(.*)$')
    size = tonumber(size)
    found[#found + 1] = id
    gone[#gone + 1] = fields[i + 1]
    gone[#gone + 1] = 'b:' .. id
    done[#done + 1] = now
    done[#done + 1] = id
    updates[#updates + 1] = 'd:' .. id
    updates[#updates + 1] = now
    bytes = bytes + size
    if owner ~= '' then
      leased[#leased + 1] = id
      inflight_bytes = inflight_bytes + size
    else
      pending[#pending + 1] = id
    end
  end
end
if #found > 0 then
  if #pending > 0 then
    redis.call('ZREM', K_PENDING, unpack(pending))
  end
  if #leased > 0 then
    redis.call('ZREM', K_INFLIGHT, unpack(leased))
  end
  redis.call('ZREM', K_EXPIRY, unpack(found))
  redis.call('HDEL', K_MSG, unpack(gone))
  updates[#updates + 1] = '#n'
  updates[#updates + 1] = tonumber(st[1] or '0') - #found
  updates[#updates + 1] = '#b'
  updates[#updates + 1] = tonumber(st[2] or '0') - bytes
  updates[#updates + 1] = '#ib'
  updates[#updates + 1] = tonumber(st[3] or '0') - inflight_bytes
  redis.call('HSET', K_MSG, unpack(updates))
  redis.call('ZADD', K_DONE, unpack(done))
  total(0 - #found, 0 - bytes)
  if #pending > 0 then
    reindex()
  end
end
trim_done(now, dedupe_ms)
return #found
