-- Shared by every mailbox script. KEYS (all hash-tagged with the recipient):
-- 1 pending ZSET id->receivedAt ms | 2 inflight ZSET id->lease end ms | 3 expiry ZSET id->expiry ms
-- 4 meta HASH id->"receivedAt|expiresAt|size|attempt|owner" | 5 body HASH id->bytes
-- 6 stats HASH n,b (stored count/bytes), pb (pending bytes) | 7 done ZSET id->ack time ms | 8 dead LIST
local K_PENDING, K_INFLIGHT, K_EXPIRY, K_META, K_BODY, K_STATS, K_DONE, K_DEAD =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local SWEEP_LIMIT = 1000

local function parse(meta)
  local recv, exp, size, attempt, owner = string.match(meta, '^(%d+)|(%d+)|(%d+)|(%d+)|(.*)$')
  return tonumber(recv), tonumber(exp), tonumber(size), tonumber(attempt), owner
end

local function format(recv, exp, size, attempt, owner)
  return recv .. '|' .. exp .. '|' .. size .. '|' .. attempt .. '|' .. owner
end

-- in flight -> pending, keeping the original order (score = receivedAt)
local function to_pending(id, meta)
  local recv, exp, size, attempt = parse(meta)
  redis.call('ZREM', K_INFLIGHT, id)
  redis.call('ZADD', K_PENDING, recv, id)
  redis.call('HSET', K_META, id, format(recv, exp, size, attempt, ''))
  redis.call('HINCRBY', K_STATS, 'pb', size)
end

-- removes a stored message entirely; returns its parsed meta
local function delete(id, meta)
  local recv, exp, size = parse(meta)
  if redis.call('ZREM', K_PENDING, id) == 1 then
    redis.call('HINCRBY', K_STATS, 'pb', -size)
  end
  redis.call('ZREM', K_INFLIGHT, id)
  redis.call('ZREM', K_EXPIRY, id)
  redis.call('HDEL', K_META, id)
  redis.call('HDEL', K_BODY, id)
  redis.call('HINCRBY', K_STATS, 'n', -1)
  redis.call('HINCRBY', K_STATS, 'b', -size)
  return recv, exp, size
end

-- returns lease-expired messages to pending and drops expired ones (dead letters); {reclaimed, expired}
local function sweep(now, dedupe_ms, dead_limit)
  local reclaimed = 0
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', K_INFLIGHT, '-inf', now, 'LIMIT', 0, SWEEP_LIMIT)) do
    local meta = redis.call('HGET', K_META, id)
    if meta then
      to_pending(id, meta)
      reclaimed = reclaimed + 1
    else
      redis.call('ZREM', K_INFLIGHT, id)
    end
  end
  local expired = 0
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', K_EXPIRY, '-inf', now, 'LIMIT', 0, SWEEP_LIMIT)) do
    local meta = redis.call('HGET', K_META, id)
    if meta then
      local recv, exp, size = delete(id, meta)
      redis.call('LPUSH', K_DEAD, 'EXPIRED|' .. size .. '|' .. recv .. '|' .. now .. '|' .. id)
      expired = expired + 1
    else
      redis.call('ZREM', K_EXPIRY, id)
    end
  end
  if expired > 0 then
    redis.call('LTRIM', K_DEAD, 0, dead_limit - 1)
  end
  redis.call('ZREMRANGEBYSCORE', K_DONE, '-inf', now - dedupe_ms)
  return reclaimed, expired
end
