package dev.switchboard.queue.inbound;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the inbound log.
 *
 * @param id the entry's position, opaque and unique within the log (a Redis stream entry id, or
 *     {@code partition-offset} for Kafka)
 * @param key the key given at append (Kafka partitions by it), or {@code null}
 * @param payload the bytes appended (not copied; do not modify)
 * @param appendedAt when the log stored it (the store's clock)
 * @param deliveryCount a lower bound of how many times this entry was handed out, counting this time: 1
 *     for a first read, at least 2 for an entry taken over by {@link InboundConsumer#reclaim} (Kafka
 *     reports 1 also for records re-read after a rebalance)
 */
public record InboundEntry(String id, @Nullable String key, byte[] payload, Instant appendedAt, long deliveryCount) {}
