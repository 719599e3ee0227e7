/**
 * The Kafka adapter of the inbound log: {@link dev.switchboard.queue.kafka.KafkaInboundLog}.
 *
 * <p>In: raw inbound messages appended by ingress through an idempotent producer ({@code acks=all});
 * the append's stage completes only after the broker acknowledged the write. Out: records handed to
 * the members of one consumer group, committed by hand per partition up to the first unacknowledged
 * record, so a member that dies or hangs (evicted after the session timeout or {@code
 * max.poll.interval.ms}) leaves its unacknowledged records to the partition's next owner (at least
 * once). A graceful rebalance commits acknowledged progress before partitions move.
 */
@NullMarked
package dev.switchboard.queue.kafka;

import org.jspecify.annotations.NullMarked;
