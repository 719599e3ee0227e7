/**
 * The mediator's Redis access: one shared Lettuce connection ({@link
 * dev.switchboard.mediator.store.MediatorRedis}, plus the embedded server for single-machine runs and the
 * readiness check), the queue module's adapters as beans ({@link dev.switchboard.mediator.store.QueueProducer}:
 * mailboxes, mailbox admin, route table; the queue's Micrometer meters and mailbox gauges), and the mediator's own records, each behind a class that speaks of what it holds:
 * wallet sessions ({@link dev.switchboard.mediator.store.WalletSessions}), delivery deadlines ({@link
 * dev.switchboard.mediator.store.DeliveryDeadlines}), mediations and keylists ({@link
 * dev.switchboard.mediator.store.MediationRecords}), relay post idempotency ({@link
 * dev.switchboard.mediator.store.IdempotencyRecords}), the sealed mediator keys ({@link
 * dev.switchboard.mediator.store.MediatorKeyRecords}), push devices and the push schedule ({@link
 * dev.switchboard.mediator.store.RedisDeviceRegistrations}, {@link
 * dev.switchboard.mediator.store.RedisPushSchedule}, implementing {@code push}'s ports) and did:peer:4 long forms ({@link
 * dev.switchboard.mediator.store.RedisDidPeer4LongForms}) and the quotas' records ({@link
 * dev.switchboard.mediator.store.QuotaRecords}: counted mediations, keylist sizes, per-sender counters, job
 * leases). Redis command names and key names stay in this
 * package: {@code Keys} builds every key. In: {@link dev.switchboard.mediator.config.RedisConfig}, {@link
 * dev.switchboard.mediator.config.MailboxConfig}. Out: the classes above; nothing else here is public.
 *
 * <h2>Key layout</h2>
 *
 * {@code <p>} is {@code switchboard.redis.key-prefix} ({@code sb}); {@code {x}} is a Redis Cluster hash tag
 * (braces inside {@code x} replaced by parentheses, as the queue module does), so keys with the same tag
 * share a slot.
 *
 * <table>
 * <caption>Keys of the mediator (the queue module's are marked queue)</caption>
 * <tr><th>key</th><th>type</th><th>holds</th><th>expiry</th></tr>
 * <tr><td colspan="4"><b>per wallet</b>, tag = the wallet's connection key (base58 verkey or DID)</td></tr>
 * <tr><td>{@code <p>:mb:{conn}:pending|inflight|expiry|msg|done|dead|deadmsg}</td><td>queue</td><td>the mailbox</td>
 * <td>per message</td></tr>
 * <tr><td>{@code <p>:rt:{conn}}</td><td>queue</td><td>the wallet's routes</td><td>route lease</td></tr>
 * <tr><td>{@code <p>:w:{conn}:live}</td><td>STRING</td><td>socket owner of live mode</td>
 * <td>route lease</td></tr>
 * <tr><td>{@code <p>:w:{conn}:liveproto}</td><td>STRING</td><td>PIURI of live mode</td><td>route lease</td></tr>
 * <tr><td>{@code <p>:w:{conn}:pickup}</td><td>STRING</td><td>{@code 1}: uses a pickup protocol</td>
 * <td>none</td></tr>
 * <tr><td>{@code <p>:w:{conn}:med}</td><td>STRING</td><td>mediation grant time</td><td>{@code
 * unused-mediation-ttl} until a key is registered, then none</td></tr>
 * <tr><td>{@code <p>:w:{conn}:peer:<sender digest>}</td><td>STRING</td><td>messages one sender stored for the
 * wallet in the window</td><td>{@code sender-window}</td></tr>
 * <tr><td>{@code <p>:w:{conn}:kl}</td><td>SET</td><td>the mediation's keylist</td><td>none</td></tr>
 * <tr><td>{@code <p>:w:{conn}:push:device}</td><td>HASH</td><td>registered push devices</td><td>none</td></tr>
 * <tr><td>{@code <p>:w:{conn}:push:sent}</td><td>STRING</td><td>a notification went out</td>
 * <td>push interval</td></tr>
 * <tr><td>{@code <p>:w:{conn}:push:active}</td><td>STRING</td><td>a socket of the wallet closed recently</td>
 * <td>push grace</td></tr>
 * <tr><td colspan="4"><b>per socket</b>, tag = owner {@code instanceId/connectionId}</td></tr>
 * <tr><td>{@code <p>:conn:{owner}}</td><td>queue</td><td>the relay connection record</td>
 * <td>route lease</td></tr>
 * <tr><td>{@code <p>:sock:{owner}}</td><td>STRING</td><td>the wallet the socket carries</td>
 * <td>route lease</td></tr>
 * <tr><td colspan="4"><b>single keys</b>, each in its own slot</td></tr>
 * <tr><td>{@code <p>:rk:{key}}</td><td>STRING</td><td>owning wallet of a recipient key</td><td>none</td></tr>
 * <tr><td>{@code <p>:idem:<event>:{key}}</td><td>STRING</td><td>{@code pending} or the status of a relay
 * post</td><td>processing lease, then idempotency TTL</td></tr>
 * <tr><td>{@code <p>:didpeer4:{short form}}</td><td>STRING</td><td>a did:peer:4 long form, written once a
 * message from it authenticated</td><td>{@code did-peer4-long-form-ttl} (30 d), renewed in use</td></tr>
 * <tr><td>{@code <p>:mediator:keys}, {@code <p>:mediator:keys:v2}</td><td>STRING</td><td>the sealed mediator
 * keys (v1, v2)</td><td>none</td></tr>
 * <tr><td>{@code <p>:mbtotals}, {@code <p>:mbindex}</td><td>queue</td><td>totals of all mailboxes (count,
 * bytes) and each mailbox's oldest pending message (standalone Redis only)</td><td>none</td></tr>
 * <tr><td>{@code <p>:relays}, {@code <p>:relaysockets}</td><td>queue</td><td>alive relays (heartbeat expiry)
 * and their last socket counts</td><td>lapsed entries dropped on read</td></tr>
 * <tr><td>{@code <p>:mediations}</td><td>ZSET</td><td>wallet -> until when its mediation counts (epoch ms;
 * max once used), for the global mediation cap</td><td>lapsed members dropped on read</td></tr>
 * <tr><td>{@code <p>:lease:<job>}</td><td>STRING</td><td>the instance running a cluster-wide job ({@code
 * expiry-sweep})</td><td>the job's period</td></tr>
 * <tr><td colspan="4"><b>per bucket</b> of a due-time set ({@link dev.switchboard.mediator.store.DueSets}),
 * tag = {@code {dl.<i>.<k>}} / {@code {pd.<i>.<k>}}, bucket {@code i} of {@code switchboard.redis.due-set-buckets}
 * (16), {@code k} chosen so bucket {@code i}'s slot is in the {@code i}-th equal part of the slot range</td></tr>
 * <tr><td>{@code <p>:deadlines:{dl.<i>.<k>}}</td><td>ZSET</td><td>wallet -> delivery deadline (epoch ms), for the
 * wallets with {@code hashCode(conn) mod buckets = i}; swept by every instance</td><td>none</td></tr>
 * <tr><td>{@code <p>:push:due:{pd.<i>.<k>}}</td><td>ZSET</td><td>wallet -> push notification due or claimed
 * until (epoch ms), same buckets; swept by every instance</td><td>none</td></tr>
 * </table>
 *
 * <p>So a push's reads (routes, live mode, mailbox reserve) and a mediation's records each stay in one slot
 * in Redis Cluster, every script of this package touches one key, and the shared due-time sets spread over
 * the shards. {@code switchboard.redis.uri} is a standalone URI or a {@code redis-cluster://h1:p1,h2:p2} seed
 * list ({@link dev.switchboard.mediator.store.RedisEndpoint}); the queue's adapters get the same endpoint and
 * {@code switchboard.redis.durability}. The single keys {@code <p>:deadlines} and {@code <p>:push:due} of
 * earlier versions are moved into the buckets when an instance starts (standalone only). Operations:
 * docs/operations.md.
 */
@NullMarked
package dev.switchboard.mediator.store;

import org.jspecify.annotations.NullMarked;
