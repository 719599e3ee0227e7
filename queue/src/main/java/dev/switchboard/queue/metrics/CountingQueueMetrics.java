package dev.switchboard.queue.metrics;

import dev.switchboard.queue.mailbox.EnqueueResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Keeps every figure of {@link QueueMetrics} as an in-memory total. Thread-safe. */
public final class CountingQueueMetrics implements QueueMetrics {

    private final LongAdder enqueued = new LongAdder();
    private final LongAdder enqueuedBytes = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final LongAdder requeued = new LongAdder();
    private final LongAdder reclaimed = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder logAppended = new LongAdder();
    private final LongAdder logReclaimed = new LongAdder();
    private final Map<QueueOperation, LongAdder> calls = new EnumMap<>(QueueOperation.class);
    private final Map<QueueOperation, LongAdder> failures = new EnumMap<>(QueueOperation.class);
    private final Map<QueueOperation, LongAdder> nanos = new EnumMap<>(QueueOperation.class);

    /** Creates zeroed totals. */
    public CountingQueueMetrics() {
        for (QueueOperation op : QueueOperation.values()) {
            calls.put(op, new LongAdder());
            failures.put(op, new LongAdder());
            nanos.put(op, new LongAdder());
        }
    }

    @Override
    public void enqueued(long bytes) {
        enqueued.increment();
        enqueuedBytes.add(bytes);
    }

    @Override
    public void duplicate() {
        duplicates.increment();
    }

    @Override
    public void rejectedByCap(EnqueueResult.Limit limit) {
        rejected.increment();
    }

    @Override
    public void acknowledged(long count) {
        acknowledged.add(count);
    }

    @Override
    public void expired(long count) {
        expired.add(count);
    }

    @Override
    public void requeued(long count) {
        requeued.add(count);
    }

    @Override
    public void redelivered(long count) {
        redelivered.add(count);
    }

    @Override
    public void inFlightReclaimed(long count) {
        reclaimed.add(count);
    }

    @Override
    public void released(long count) {
        released.add(count);
    }

    @Override
    public void logAppended(long count) {
        logAppended.add(count);
    }

    @Override
    public void logReclaimed(long count) {
        logReclaimed.add(count);
    }

    @Override
    public void latency(QueueOperation operation, long nanoTime, boolean success) {
        calls.get(operation).increment();
        nanos.get(operation).add(nanoTime);
        if (!success) {
            failures.get(operation).increment();
        }
    }

    /** Messages stored. */
    public long enqueued() {
        return enqueued.sum();
    }

    /** Bytes stored. */
    public long enqueuedBytes() {
        return enqueuedBytes.sum();
    }

    /** Duplicate enqueues. */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Enqueues rejected by a cap. */
    public long rejectedByCap() {
        return rejected.sum();
    }

    /** Messages deleted on acknowledgement. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Messages expired into dead letters. */
    public long expired() {
        return expired.sum();
    }

    /** Dead letters requeued. */
    public long requeued() {
        return requeued.sum();
    }

    /** Redeliveries. */
    public long redelivered() {
        return redelivered.sum();
    }

    /** Lease-expired messages returned to pending. */
    public long inFlightReclaimed() {
        return reclaimed.sum();
    }

    /** Released messages returned to pending. */
    public long released() {
        return released.sum();
    }

    /** Inbound-log entries appended. */
    public long logAppended() {
        return logAppended.sum();
    }

    /** Inbound-log entries reclaimed. */
    public long logReclaimed() {
        return logReclaimed.sum();
    }

    /** Completed calls of an operation. */
    public long calls(QueueOperation operation) {
        return calls.get(operation).sum();
    }

    /** Failed calls of an operation. */
    public long failures(QueueOperation operation) {
        return failures.get(operation).sum();
    }

    /** Mean latency of an operation in nanoseconds, 0 when never called. */
    public long meanNanos(QueueOperation operation) {
        long n = calls(operation);
        return n == 0 ? 0 : nanos.get(operation).sum() / n;
    }
}
