package dev.switchboard.queue.metrics;

import dev.switchboard.queue.mailbox.EnqueueResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link QueueMetrics} as Micrometer meters ({@code micrometer-core} is an optional dependency of this
 * module: the mediator's Quarkus Micrometer extension provides it). Meters: counters {@code
 * switchboard.queue.enqueued}, {@code .enqueued.bytes}, {@code .duplicates}, {@code .rejected} (tag
 * {@code limit=count|bytes}), {@code .acknowledged}, {@code .expired} (messages that became dead letters), {@code .requeued} (dead
 * letters put back by an operator), {@code .redelivered}, {@code
 * .reclaimed} (tag {@code kind=lease|release|log}), {@code .log.appended}; timer {@code
 * switchboard.queue.latency} (tags {@code operation}, {@code outcome=success|failure}). All are
 * registered up front, so recording never allocates.
 */
public final class MicrometerQueueMetrics implements QueueMetrics {

    private final Counter enqueued;
    private final Counter enqueuedBytes;
    private final Counter duplicates;
    private final Map<EnqueueResult.Limit, Counter> rejected = new EnumMap<>(EnqueueResult.Limit.class);
    private final Counter acknowledged;
    private final Counter expired;
    private final Counter redelivered;
    private final Counter requeued;
    private final Counter leaseReclaimed;
    private final Counter released;
    private final Counter logReclaimed;
    private final Counter logAppended;
    private final Map<QueueOperation, Timer> success = new EnumMap<>(QueueOperation.class);
    private final Map<QueueOperation, Timer> failure = new EnumMap<>(QueueOperation.class);

    /** Registers the meters in {@code registry}. */
    public MicrometerQueueMetrics(MeterRegistry registry) {
        enqueued = registry.counter("switchboard.queue.enqueued");
        enqueuedBytes = registry.counter("switchboard.queue.enqueued.bytes");
        duplicates = registry.counter("switchboard.queue.duplicates");
        for (EnqueueResult.Limit limit : EnqueueResult.Limit.values()) {
            rejected.put(
                    limit,
                    registry.counter(
                            "switchboard.queue.rejected", "limit", limit.name().toLowerCase(java.util.Locale.ROOT)));
        }
        acknowledged = registry.counter("switchboard.queue.acknowledged");
        expired = registry.counter("switchboard.queue.expired");
        redelivered = registry.counter("switchboard.queue.redelivered");
        requeued = registry.counter("switchboard.queue.requeued");
        leaseReclaimed = registry.counter("switchboard.queue.reclaimed", "kind", "lease");
        released = registry.counter("switchboard.queue.reclaimed", "kind", "release");
        logReclaimed = registry.counter("switchboard.queue.reclaimed", "kind", "log");
        logAppended = registry.counter("switchboard.queue.log.appended");
        for (QueueOperation op : QueueOperation.values()) {
            success.put(op, timer(registry, op, "success"));
            failure.put(op, timer(registry, op, "failure"));
        }
    }

    private static Timer timer(MeterRegistry registry, QueueOperation op, String outcome) {
        return Timer.builder("switchboard.queue.latency")
                .tag("operation", op.tag())
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void enqueued(long bytes) {
        enqueued.increment();
        enqueuedBytes.increment(bytes);
    }

    @Override
    public void duplicate() {
        duplicates.increment();
    }

    @Override
    public void rejectedByCap(EnqueueResult.Limit limit) {
        rejected.get(limit).increment();
    }

    @Override
    public void acknowledged(long count) {
        acknowledged.increment(count);
    }

    @Override
    public void expired(long count) {
        expired.increment(count);
    }

    @Override
    public void requeued(long count) {
        requeued.increment(count);
    }

    @Override
    public void redelivered(long count) {
        redelivered.increment(count);
    }

    @Override
    public void inFlightReclaimed(long count) {
        leaseReclaimed.increment(count);
    }

    @Override
    public void released(long count) {
        released.increment(count);
    }

    @Override
    public void logAppended(long count) {
        logAppended.increment(count);
    }

    @Override
    public void logReclaimed(long count) {
        logReclaimed.increment(count);
    }

    @Override
    public void latency(QueueOperation operation, long nanos, boolean ok) {
        (ok ? success : failure).get(operation).record(nanos, TimeUnit.NANOSECONDS);
    }
}
