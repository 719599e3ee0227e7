/**
 * The Redis adapters, on Lettuce 6.8's async API. {@link dev.switchboard.queue.redis.RedisQueue} is
 * the entry point: one client and one shared, pipelining connection (standalone or Redis Cluster) for
 * {@link dev.switchboard.queue.mailbox.Mailboxes}, {@link dev.switchboard.queue.route.RouteTable} and
 * the Redis Streams {@link dev.switchboard.queue.inbound.InboundLog}. Redis command names stay inside
 * this package.
 *
 * <h2>Mailbox layout</h2>
 *
 * Per recipient {@code r}, every key carries the hash tag {@code {r}} so a Lua script can touch them
 * all atomically on one cluster slot ({@code <prefix>:mb:{r}:<part>}):
 *
 * <ul>
 *   <li>{@code pending} sorted set: id scored by receipt time (ms) — oldest first, ties by id;
 *   <li>{@code inflight} sorted set: id scored by the end of its lease (ms);
 *   <li>{@code expiry} sorted set: id scored by its expiry time (ms);
 *   <li>{@code msg} hash: {@code m:<id>} the meta {@code receivedAt|expiresAt|size|attempt|owner},
 *       {@code b:<id>} the bytes, {@code d:<id>} the acknowledgement time of a recently acknowledged
 *       id (so a late retry of a forward is not stored again), and the figures {@code #n} stored
 *       count, {@code #b} stored bytes, {@code #ib} in-flight bytes (the cap counts pending and
 *       in-flight messages; status counts pending only: bytes {@code #b - #ib});
 *   <li>{@code done} sorted set: acknowledged ids by acknowledgement time, to age the {@code d:}
 *       markers out after the de-duplication window (at sweeps and acknowledgements);
 *   <li>{@code dead} list: dead-letter records, newest first, trimmed to the configured number.
 * </ul>
 *
 * One script per operation ({@code mailbox-*.lua}, prefixed by {@code mailbox-prelude.lua} where it
 * sweeps) runs with {@code EVALSHA}, falling back to {@code EVAL} when a node does not know it yet.
 * The common enqueue is a standalone script of five commands per message (one {@code HMGET} for the
 * duplicate check and the figures, one {@code HSET}, two {@code ZADD}, one {@code ZCARD}); only when
 * the cap would reject does a second script sweep and decide. On a standalone server, enqueues that
 * wait while four enqueue calls are in flight leave together in one call (at most 128 messages, any
 * recipients; each message still checked and stored on its own, in order), sent from one
 * dispatcher thread so calls keep submission order; in a cluster every call holds one message. Scripts pass times through as strings: Lua formats numbers with {@code
 * sprintf}, which cost a tenth of the server's time before.
 *
 * <p>Durability ({@link dev.switchboard.queue.config.Durability}): with {@code wait-replicas:N} an
 * enqueue that stored (or found a duplicate) completes only after Redis's {@code WAIT N timeout} on the
 * connection that carried the write (the shared one standalone; the slot's primary's connection in a
 * cluster), group-committed per node connection ({@link dev.switchboard.queue.redis.ReplicaWait}).
 *
 * <p>The connection's Netty pipeline consolidates flushes (one {@code write} per event-loop turn
 * instead of one per command); the codec gives Lettuce exact sizes so arguments are written
 * straight into the command buffer.
 *
 * <h2>Leases: reclaimed on read</h2>
 *
 * A reserved message moves from {@code pending} to {@code inflight} with the lease's end as score and
 * the owner in its meta. There is no sweeper process: every {@code reserve} and {@code status} first
 * moves in-flight messages whose lease ended back to {@code pending} (keeping their receipt-time
 * order) and drops expired messages into dead letters, inside the same atomic script. A lease that
 * ended is therefore observed exactly when someone looks at the mailbox, which is the only time it
 * matters: status counts and deliveries are always computed after the reclaim. {@code release}
 * returns one owner's messages at once (socket lost). {@code enqueue} sweeps only when the cap would
 * reject, so expired messages never hold the cap. Each sweep handles at most 1,000 messages per kind.
 *
 * <p>Time comes from the adapter's {@link java.time.Clock} and is passed to the scripts (not Redis's
 * {@code TIME}), so scripts stay deterministic and tests can move time; mediator instances need
 * synchronised clocks (skew lengthens or shortens leases by the skew).
 *
 * <h2>Routes</h2>
 *
 * {@code <prefix>:rt:{r}} hash: connection id to {@code since, leaseUntil, instance, send,
 * disconnect}, expiring with its longest lease; {@code <prefix>:conn:{instance/connection}} set of
 * the recipients a socket serves (for removal on disconnect); {@code <prefix>:relay:{instance}} a key
 * with a TTL set by each heartbeat. Reads filter out lapsed leases and instances whose key is gone.
 *
 * <h2>Inbound log</h2>
 *
 * {@code <prefix>:log:{name}} stream, {@code XADD} with approximate {@code MAXLEN}; one consumer
 * group; members read with {@code XREADGROUP}, acknowledge with {@code XACK} and take over entries
 * idle longer than a threshold with {@code XAUTOCLAIM} (Redis 6.2+).
 */
@NullMarked
package dev.switchboard.queue.redis;

import org.jspecify.annotations.NullMarked;
