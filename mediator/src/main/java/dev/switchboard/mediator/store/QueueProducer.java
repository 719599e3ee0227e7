package dev.switchboard.mediator.store;

import dev.switchboard.mediator.config.MailboxConfig;
import dev.switchboard.mediator.config.RedisConfig;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.redis.RedisQueue;
import dev.switchboard.queue.route.RouteTable;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** Connects the queue module's Redis adapters (mailboxes, route table) and exposes them as beans. */
@ApplicationScoped
public class QueueProducer {
    private final RedisQueue queue;

    /**
     * @param config where Redis is
     * @param mailbox the mailbox caps and times to live ({@code switchboard.mailbox.*})
     * @param redis the mediator's own connection, injected first so an embedded Redis is already up
     */
    public QueueProducer(RedisConfig config, MailboxConfig mailbox, RedisConnection redis) {
        RedisSettings settings = new RedisSettings(
                config.uri(),
                RedisSettings.Mode.STANDALONE,
                false,
                true,
                null,
                null,
                Duration.ofSeconds(5),
                config.commandTimeout(),
                redis.keys().prefix());
        this.queue = RedisQueue.connect(settings, mailbox.toSettings(), QueueMetrics.NOOP, Clock.systemUTC());
    }

    /** The mailboxes of all wallets. */
    @Produces
    @ApplicationScoped
    Mailboxes mailboxes() {
        return queue.mailboxes();
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
