/** The Kafka adapter of the inbound log: {@link dev.switchboard.queue.kafka.KafkaInboundLog}. */
@NullMarked
package dev.switchboard.queue.kafka;

import org.jspecify.annotations.NullMarked;
