package dev.switchboard.queue.inbound;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * One member of the inbound log's consumer group. <b>Blocking and single-threaded</b>: call it from
 * one dedicated (worker or virtual) thread, never from an event loop; Kafka's consumer requires it.
 *
 * <p>Loop: {@link #poll} → process each entry (idempotently) → {@link #acknowledge}. Entries handed
 * to a consumer that died without acknowledging are handed out again: by Redis Streams through {@link
 * #reclaim} (any live member claims entries idle longer than a threshold), by Kafka through the group
 * rebalance (the partition's new owner reads again from the last committed offset), where {@link
 * #reclaim} returns nothing.
 *
 * <p>Methods throw {@link dev.switchboard.queue.QueueException} when the store fails.
 */
public interface InboundConsumer extends AutoCloseable {

    /**
     * Fetches new entries for this member, waiting up to {@code wait} for at least one.
     *
     * @param max at most this many entries, {@code > 0}
     * @param wait how long to block when none is available, {@code >= 0}; Redis caps it at half the
     *     command timeout so a blocking read never trips the client timeout
     * @return entries in log order, possibly empty
     */
    List<InboundEntry> poll(int max, Duration wait);

    /**
     * Marks entries as processed; they are not handed out again. Idempotent. Kafka commits, per
     * partition, the offset after the highest entry below which every handed-out entry was
     * acknowledged.
     */
    void acknowledge(Collection<InboundEntry> entries);

    /**
     * Takes over entries handed to any member of the group (including dead ones) that stayed
     * unacknowledged longer than {@code minIdle}. Kafka: always empty (rebalancing reassigns
     * partitions).
     *
     * @param minIdle how long an entry must have been unacknowledged, {@code > 0}; choose well above the
     *     longest processing time
     * @param max at most this many entries, {@code > 0}
     * @return the claimed entries, now owned by this member
     */
    List<InboundEntry> reclaim(Duration minIdle, int max);

    /**
     * How many entries of the log this member has not been handed yet, over the part of the log it owns
     * (Kafka: the sum over its assigned partitions of log-end offset minus position, as of the last
     * poll, plus records fetched but not handed out). Call it from the polling thread.
     *
     * @return the count, or {@code -1} when the store does not say (Redis Streams)
     */
    default long lag() {
        return -1;
    }

    /** Leaves the group politely where the store supports it (Kafka triggers a rebalance at once). */
    @Override
    void close();
}
