package dev.switchboard.queue.metrics;

/**
 * Receives the queue's events; every method defaults to doing nothing. Called on Lettuce/Kafka
 * threads: implementations must be thread-safe and must not block (Micrometer counters are fine).
 *
 * <p>Suggested Micrometer names: {@code switchboard.queue.enqueued}, {@code .duplicates}, {@code
 * .rejected} (tag {@code limit}), {@code .acknowledged}, {@code .expired}, {@code .redelivered}, {@code
 * .reclaimed} (tag {@code kind=mailbox|log}), {@code switchboard.queue.latency} (timer, tags {@code
 * operation}, {@code outcome=success|failure}).
 */
public interface QueueMetrics {

    /** Does nothing. */
    QueueMetrics NOOP = new QueueMetrics() {};

    /** A message was stored in a mailbox. */
    default void enqueued(long bytes) {}

    /** An enqueue was a duplicate and stored nothing. */
    default void duplicate() {}

    /** An enqueue was rejected by a recipient's cap. */
    default void rejectedByCap(dev.switchboard.queue.mailbox.EnqueueResult.Limit limit) {}

    /** Messages were deleted on acknowledgement. */
    default void acknowledged(long count) {}

    /** Messages expired and left dead letters. */
    default void expired(long count) {}

    /** Dead letters were put back into their mailboxes by an operator. */
    default void requeued(long count) {}

    /** Messages were handed out again after an earlier attempt. */
    default void redelivered(long count) {}

    /** In-flight mailbox messages returned to pending because their lease ended (not on release). */
    default void inFlightReclaimed(long count) {}

    /** In-flight messages returned to pending because their owner released them. */
    default void released(long count) {}

    /** Inbound-log entries appended. */
    default void logAppended(long count) {}

    /** Inbound-log entries of another (possibly dead) consumer taken over by {@code reclaim}. */
    default void logReclaimed(long count) {}

    /**
     * One operation finished.
     *
     * @param operation which
     * @param nanos wall time from call to completion, in nanoseconds
     * @param success false if it completed exceptionally
     */
    default void latency(QueueOperation operation, long nanos, boolean success) {}
}
