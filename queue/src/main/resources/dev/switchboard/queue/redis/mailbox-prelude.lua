-- Shared by the mailbox scripts that sweep. KEYS (all hash-tagged with the recipient):
-- 1 pending ZSET id->receivedAt ms | 2 inflight ZSET id->lease end ms | 3 expiry ZSET id->expiry ms
-- 4 msg HASH: 'm:'..id -> "receivedAt|expiresAt|size|attempt|owner", 'b:'..id -> bytes,
--   'd:'..id -> ack time (de-duplication marker), '#n' stored count, '#b' stored bytes,
--   '#ib' in-flight bytes | 5 done ZSET id->ack time ms (ages the markers) | 6 dead LIST
-- 7 dead bodies HASH id -> bytes of a dead letter (kept for a requeue)
-- Standalone Redis only (absent on a cluster, where they would cross slots): 8 totals HASH 'n' stored
--   count, 'b' stored bytes of all mailboxes | 9 index ZSET pending key -> its oldest receivedAt ms
local K_PENDING, K_INFLIGHT, K_EXPIRY, K_MSG, K_DONE, K_DEAD = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local K_DEADMSG, K_TOTALS, K_INDEX = KEYS[7], KEYS[8], KEYS[9]
local SWEEP_LIMIT = '1000' -- a string: numbers passed to redis.call are formatted with sprintf

-- Times stay strings from meta or ARGV to the commands: Lua formats a number with sprintf('%.14g'),
-- which costs microseconds for a 13-digit time (it showed up as a tenth of redis-server's CPU time).

-- returns the meta's fields as strings: receivedAt, expiresAt, size, attempt, owner
local function parse(meta)
  return string.match(meta, '^(%d+)|(%d+)|(%d+)|(%d+)|(.*)$')
end

local function format(recv, exp, size, attempt, owner)
  return recv .. '|' .. exp .. '|' .. size .. '|' .. attempt .. '|' .. owner
end

-- mirrors a change of a mailbox's stored count and bytes onto the totals of all mailboxes
local function total(dn, db)
  if K_TOTALS then
    if dn ~= 0 then
      redis.call('HINCRBY', K_TOTALS, 'n', dn)
    end
    if db ~= 0 then
      redis.call('HINCRBY', K_TOTALS, 'b', db)
    end
  end
end

-- (0 - x), never -x: Lua formats -0 as "-0", which HINCRBY rejects
local function add(field, delta)
  if delta ~= 0 then
    redis.call('HINCRBY', K_MSG, field, delta)
    if field == '#n' then
      total(delta, 0)
    elseif field == '#b' then
      total(0, delta)
    end
  end
end

-- keeps this mailbox's entry in the index of oldest pending messages (none when nothing is pending)
local function reindex()
  if K_INDEX then
    local head = redis.call('ZRANGE', K_PENDING, '0', '0', 'WITHSCORES')
    if head[1] then
      redis.call('ZADD', K_INDEX, head[2], K_PENDING)
    else
      redis.call('ZREM', K_INDEX, K_PENDING)
    end
  end
end

-- the message id of a dead-letter record "reason|size|receivedAt|droppedAt|id"
local function dead_id(record)
  return string.match(record, '^[^|]*|[^|]*|[^|]*|[^|]*|(.*)$')
end

-- in flight -> pending, keeping the original order (score = receivedAt)
local function to_pending(id, meta)
  local recv, exp, size, attempt = parse(meta)
  redis.call('ZREM', K_INFLIGHT, id)
  redis.call('ZADD', K_PENDING, recv, id)
  redis.call('HSET', K_MSG, 'm:' .. id, format(recv, exp, size, attempt, ''))
  add('#ib', 0 - tonumber(size))
end

-- removes a stored message entirely; returns its parsed meta
local function delete(id, meta)
  local recv, exp, size = parse(meta)
  size = tonumber(size)
  if redis.call('ZREM', K_INFLIGHT, id) == 1 then
    add('#ib', 0 - size)
  end
  redis.call('ZREM', K_PENDING, id)
  redis.call('ZREM', K_EXPIRY, id)
  redis.call('HDEL', K_MSG, 'm:' .. id, 'b:' .. id)
  add('#n', -1)
  add('#b', 0 - size)
  return recv, exp, size
end

-- forgets acknowledged ids older than the de-duplication window
local function trim_done(now, dedupe_ms)
  local old = redis.call('ZRANGEBYSCORE', K_DONE, '-inf', now - dedupe_ms, 'LIMIT', '0', SWEEP_LIMIT)
  if #old > 0 then
    local fields = {}
    for i, id in ipairs(old) do
      fields[i] = 'd:' .. id
    end
    redis.call('HDEL', K_MSG, unpack(fields))
    redis.call('ZREM', K_DONE, unpack(old))
  end
end

-- returns lease-expired messages to pending and drops expired ones (dead letters); {reclaimed, expired}
-- now: the time as ARGV gave it (a string)
local function sweep(now, dedupe_ms, dead_limit)
  local reclaimed = 0
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', K_INFLIGHT, '-inf', now, 'LIMIT', '0', SWEEP_LIMIT)) do
    local meta = redis.call('HGET', K_MSG, 'm:' .. id)
    if meta then
      to_pending(id, meta)
      reclaimed = reclaimed + 1
    else
      redis.call('ZREM', K_INFLIGHT, id)
    end
  end
  local expired = 0
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', K_EXPIRY, '-inf', now, 'LIMIT', '0', SWEEP_LIMIT)) do
    local meta = redis.call('HGET', K_MSG, 'm:' .. id)
    if meta then
      local body = redis.call('HGET', K_MSG, 'b:' .. id)
      local recv, exp, size = delete(id, meta)
      redis.call('LPUSH', K_DEAD, 'EXPIRED|' .. size .. '|' .. recv .. '|' .. now .. '|' .. id)
      if body then
        redis.call('HSET', K_DEADMSG, id, body)
      end
      expired = expired + 1
    else
      redis.call('ZREM', K_EXPIRY, id)
    end
  end
  if expired > 0 then
    local over = redis.call('LRANGE', K_DEAD, dead_limit, -1)
    if #over > 0 then
      local ids = {}
      for i, record in ipairs(over) do
        ids[i] = dead_id(record)
      end
      redis.call('HDEL', K_DEADMSG, unpack(ids))
      redis.call('LTRIM', K_DEAD, 0, dead_limit - 1)
    end
  end
  trim_done(now, dedupe_ms)
  return reclaimed, expired
end
