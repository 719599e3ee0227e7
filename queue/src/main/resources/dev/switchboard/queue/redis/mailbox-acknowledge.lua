-- ARGV: now, dedupe_ms, id...
-- returns how many ids were deleted; remembers them for the de-duplication window
local now, dedupe_ms = ARGV[1], tonumber(ARGV[2])
local ids, fields = {}, {'#n', '#b', '#ib'}
for i = 3, #ARGV do
  ids[#ids + 1] = ARGV[i]
  fields[#fields + 1] = 'm:' .. ARGV[i]
end
local st = redis.call('HMGET', K_MSG, unpack(fields))
local leased = redis.call('ZMSCORE', K_INFLIGHT, unpack(ids))
local found, gone, done, updates = {}, {}, {}, {}
local bytes, inflight_bytes = 0, 0
for i, id in ipairs(ids) do
  local meta = st[i + 3]
  if meta then
    local _, _, size = parse(meta)
    size = tonumber(size)
    found[#found + 1] = id
    gone[#gone + 1] = 'm:' .. id
    gone[#gone + 1] = 'b:' .. id
    done[#done + 1] = now
    done[#done + 1] = id
    updates[#updates + 1] = 'd:' .. id
    updates[#updates + 1] = now
    bytes = bytes + size
    if leased[i] then
      inflight_bytes = inflight_bytes + size
    end
  end
end
if #found > 0 then
  redis.call('ZREM', K_PENDING, unpack(found))
  redis.call('ZREM', K_INFLIGHT, unpack(found))
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
end
trim_done(now, dedupe_ms)
return #found
