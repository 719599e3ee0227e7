package dev.switchboard.mediator.store;

import dev.switchboard.mediator.config.MailboxConfig;
import dev.switchboard.mediator.config.RedisConfig;
import dev.switchboard.queue.config.Durability;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.mailbox.MailboxAdmin;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.MailboxGauges;
import dev.switchboard.queue.metrics.MicrometerQueueMetrics;
import dev.switchboard.queue.redis.RedisQueue;
import dev.switchboard.queue.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/**
 * Connects the queue module's Redis adapters (mailboxes, mailbox admin, route table) and exposes them as beans;
 * the queue's events become Micrometer meters ({@code switchboard_queue_*}). The same endpoint as {@link
 * MediatorRedis} (standalone or cluster seeds, password), and {@code switchboard.redis.durability}: with
 * {@code wait-replicas:N} an enqueue, and so a forward's 202, completes only once {@code N} replicas hold it.
 */
@ApplicationScoped
public class QueueProducer {
    /** How old the mailbox totals behind the gauges may be before a scrape reads them again. */
    private static final Duration GAUGE_REFRESH = Duration.ofSeconds(5);

    private final RedisQueue queue;

    /**
     * @param config where Redis is
     * @param mailbox the mailbox caps and times to live ({@code switchboard.mailbox.*})
     * @param redis the mediator's own connection, injected first so an embedded Redis is already up
     * @param meters where the queue's meters ({@link MicrometerQueueMetrics}) and the gauges of all mailboxes
     *     ({@link MailboxGauges}) are registered
     */
    public QueueProducer(RedisConfig config, MailboxConfig mailbox, MediatorRedis redis, MeterRegistry meters) {
        RedisEndpoint endpoint = redis.endpoint();
        RedisSettings settings = new RedisSettings(
                String.join(",", endpoint.uris()),
                endpoint.cluster() ? RedisSettings.Mode.CLUSTER : RedisSettings.Mode.STANDALONE,
                false,
                true,
                null,
                config.password().orElse(null),
                Duration.ofSeconds(5),
                config.commandTimeout(),
                redis.keys().prefix());
        this.queue = RedisQueue.connect(
                settings,
                mailbox.toSettings(),
                new MicrometerQueueMetrics(meters),
                Clock.systemUTC(),
                Durability.parse(config.durability(), config.waitTimeout()));
        MailboxGauges.register(meters, queue.mailboxAdmin(), Clock.systemUTC(), GAUGE_REFRESH);
    }

    /** The mailboxes of all wallets. */
    @Produces
    @ApplicationScoped
    Mailboxes mailboxes() {
        return queue.mailboxes();
    }

    /** Operator actions on mailboxes (dead letters, removal) and the totals of all mailboxes. */
    @Produces
    @ApplicationScoped
    MailboxAdmin mailboxAdmin() {
        return queue.mailboxAdmin();
    }

    /** Wallet -> live sockets, relay liveness. */
    @Produces
    @ApplicationScoped
    RouteTable routeTable() {
        return queue.routeTable();
    }

    void onStop(@Observes ShutdownEvent event) {
        queue.close();
    }
}
