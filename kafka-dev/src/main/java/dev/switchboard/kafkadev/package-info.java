/**
 * Not shipped: {@link dev.switchboard.kafkadev.KafkaDevBroker}, the one-node Kafka that {@code ./run --kafka}
 * starts for the mediators' inbound log ({@code switchboard.inbound.log=kafka}). In: nothing but its command
 * line. Out: a KRaft broker on a loopback port, whose bootstrap address it writes to a file.
 */
package dev.switchboard.kafkadev;
