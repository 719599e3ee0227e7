package dev.switchboard.mediator.inbound;

import dev.switchboard.mediator.config.InboundLogConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundEntry;
import dev.switchboard.queue.mailbox.EnqueueResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * This instance's member of the inbound log's consumer group (started only when {@code switchboard.inbound.log}
 * is not {@code none}): one thread that polls entries, stores each forward in its wallet's mailbox (idempotent
 * by message id), pushes it, and acknowledges the batch only after all of it was stored. An entry whose store
 * fails (Redis down) is retried, with a growing pause up to 5 s, until it is stored or the instance stops; an
 * instance that dies before acknowledging leaves its entries to the group (Kafka: the partition's next owner
 * reads from the last commit; Redis Streams: {@link InboundConsumer#reclaim} after {@code
 * switchboard.inbound.stream.reclaim-idle}), and storing one twice stores it once.
 *
 * <p>Meters: gauge {@code switchboard.inbound.log.lag} (entries not yet handed to this member over the
 * partitions it owns; Kafka only, -1 for Redis Streams), timer {@code switchboard.inbound.log.delay} (append
 * to stored), counters {@code switchboard.inbound.log.processed{result=stored|duplicate}} and {@code
 * switchboard.inbound.log.dropped{reason=mailbox-full|malformed}} (ingress refuses a forward to a full mailbox
 * before the append, but a burst still in the log can meet the cap here, after its 202: dropped and logged).
 */
@ApplicationScoped
public class InboundLogConsumer {
    private static final Logger LOG = Logger.getLogger(InboundLogConsumer.class);
    private static final Duration POLL_WAIT = Duration.ofMillis(500);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final InboundLogs logs;
    private final InboundLogConfig config;
    private final DeliveryService delivery;
    private final AtomicLong lag = new AtomicLong(-1);
    private final Timer delay;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter full;
    private final Counter malformed;
    private volatile boolean running;
    private @Nullable Thread thread;

    /** Constructor injection. */
    public InboundLogConsumer(
            InboundLogs logs, InboundLogConfig config, DeliveryService delivery, MeterRegistry meters) {
        this.logs = logs;
        this.config = config;
        this.delivery = delivery;
        if (config.batch() <= 0) {
            throw new IllegalArgumentException(
                    "switchboard.inbound.batch: %s (expected: > 0)".formatted(config.batch()));
        }
        this.delay = Timer.builder("switchboard.inbound.log.delay")
                .description("from the log's append to the mailbox")
                .register(meters);
        this.stored = meters.counter("switchboard.inbound.log.processed", "result", "stored");
        this.duplicates = meters.counter("switchboard.inbound.log.processed", "result", "duplicate");
        this.full = meters.counter("switchboard.inbound.log.dropped", "reason", "mailbox-full");
        this.malformed = meters.counter("switchboard.inbound.log.dropped", "reason", "malformed");
        meters.gauge("switchboard.inbound.log.lag", lag);
    }

    void onStart(@Observes StartupEvent event) {
        if (logs.log().isEmpty()) {
            return;
        }
        InboundConsumer consumer = logs.consumer();
        running = true;
        thread = Thread.ofPlatform().name("inbound-log-consumer").start(() -> run(consumer));
    }

    /** Stops before {@link InboundLogs} closes the log (lower priority numbers are notified first). */
    void onStop(@Observes @Priority(1000) ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(POLL_WAIT.multipliedBy(4).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(InboundConsumer consumer) {
        long nextReclaim = System.nanoTime();
        Duration reclaimIdle = config.stream().reclaimIdle();
        try (consumer) {
            while (running) {
                try {
                    List<InboundEntry> entries = new ArrayList<>(consumer.poll(config.batch(), POLL_WAIT));
                    if (System.nanoTime() - nextReclaim >= 0) {
                        // Redis Streams: entries of a member that died (also under steady load); Kafka: none
                        entries.addAll(consumer.reclaim(reclaimIdle, config.batch()));
                        nextReclaim = System.nanoTime() + reclaimIdle.toNanos() / 2;
                    }
                    lag.set(consumer.lag());
                    for (InboundEntry entry : entries) {
                        process(entry);
                    }
                    if (running) {
                        consumer.acknowledge(entries);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("inbound log poll or acknowledge failed; retrying", e);
                    pause(1_000);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("inbound log consumer did not close cleanly", e);
        }
    }

    /** Stores and pushes one entry; returns once it is stored or dropped, or the instance stops. */
    void process(InboundEntry entry) {
        ForwardRecord forward;
        try {
            forward = ForwardRecord.decode(entry.payload());
        } catch (IllegalArgumentException e) {
            malformed.increment();
            LOG.errorf("inbound log entry %s dropped: %s", entry.id(), e.getMessage());
            return;
        }
        long backoff = 50;
        while (running) {
            try {
                EnqueueResult result =
                        delivery.store(forward.conn(), forward.messageId(), forward.message(), forward.expiresAt());
                switch (result) {
                    case EnqueueResult.Full f -> {
                        full.increment();
                        LOG.warnf(
                                "forward %s to %s dropped after its 202: mailbox full (%s)",
                                forward.messageId(), forward.conn(), f);
                        return;
                    }
                    case EnqueueResult.Duplicate d -> duplicates.increment();
                    default -> stored.increment();
                }
                delay.record(Duration.between(entry.appendedAt(), Instant.now()));
                delivery.push(forward.conn());
                return;
            } catch (RuntimeException e) {
                LOG.warnf("inbound log entry %s not stored yet (%s); retrying", entry.id(), e.toString());
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
