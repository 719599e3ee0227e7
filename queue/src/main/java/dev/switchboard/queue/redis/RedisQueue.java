package dev.switchboard.queue.redis;

import dev.switchboard.queue.config.Durability;
import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.config.StreamLogSettings;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.mailbox.MailboxAdmin;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.route.RouteTable;
import java.time.Clock;

/**
 * The entry point of the Redis adapters: one Lettuce client and connection (standalone or cluster)
 * shared by the mailboxes, the route table and the Redis Streams inbound log. Thread-safe; create one
 * per process and {@link #close()} it on shutdown.
 *
 * <pre>{@code
 * try (RedisQueue queue = RedisQueue.connect(RedisSettings.of("redis://127.0.0.1:6379"),
 *     MailboxSettings.defaults(), QueueMetrics.NOOP, Clock.systemUTC())) {
 *   queue.mailboxes().enqueue(recipient, id, bytes, Instant.now(), null).toCompletableFuture().join();
 * }
 * }</pre>
 */
public final class RedisQueue implements AutoCloseable {

    private final RedisConnection connection;
    private final RedisMailboxes mailboxes;
    private final RedisMailboxAdmin mailboxAdmin;
    private final RedisRouteTable routeTable;
    private final QueueMetrics metrics;

    private RedisQueue(
            RedisConnection connection,
            MailboxSettings mailboxSettings,
            QueueMetrics metrics,
            Clock clock,
            Durability durability) {
        this.connection = connection;
        this.metrics = metrics;
        Keys keys = new Keys(
                connection.settings().keyPrefix(), connection.settings().mode() != RedisSettings.Mode.CLUSTER);
        this.mailboxes = new RedisMailboxes(
                connection, keys, mailboxSettings, metrics, clock, new ReplicaWait(connection, durability));
        this.mailboxAdmin = new RedisMailboxAdmin(connection, keys, mailboxSettings, metrics, clock);
        this.routeTable = new RedisRouteTable(connection, keys, metrics, clock);
    }

    /**
     * Connects to Redis (blocking until connected, at most the connect timeout).
     *
     * @param clock the clock for leases, expiry and route liveness; all mediator instances should run
     *     NTP-synchronised clocks (skew shortens or lengthens leases by the skew)
     * @throws dev.switchboard.queue.QueueException if Redis cannot be reached
     */
    public static RedisQueue connect(
            RedisSettings settings, MailboxSettings mailboxSettings, QueueMetrics metrics, Clock clock) {
        return connect(settings, mailboxSettings, metrics, clock, Durability.NONE);
    }

    /**
     * As {@link #connect(RedisSettings, MailboxSettings, QueueMetrics, Clock)}, with enqueues that complete
     * only once {@code durability}'s replicas hold the message ({@code WAIT}, see {@link Durability}).
     */
    public static RedisQueue connect(
            RedisSettings settings,
            MailboxSettings mailboxSettings,
            QueueMetrics metrics,
            Clock clock,
            Durability durability) {
        return new RedisQueue(RedisConnection.open(settings), mailboxSettings, metrics, clock, durability);
    }

    /** The mailboxes of all recipients. */
    public Mailboxes mailboxes() {
        return mailboxes;
    }

    /** Operator actions on the mailboxes (dead letters, removal) and their totals. */
    public MailboxAdmin mailboxAdmin() {
        return mailboxAdmin;
    }

    /** The route table and relay instance liveness. */
    public RouteTable routeTable() {
        return routeTable;
    }

    /**
     * The inbound log on a Redis stream over this connection; its consumers open their own
     * connections (blocking reads must not stall the shared one). Closing it leaves this queue open.
     */
    public InboundLog inboundLog(StreamLogSettings settings) {
        return new RedisStreamInboundLog(
                connection, new Keys(connection.settings().keyPrefix()), settings, metrics);
    }

    /** Closes the connection and the client. */
    @Override
    public void close() {
        connection.close();
    }
}
