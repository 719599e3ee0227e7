package dev.switchboard.queue.inbound;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * An append-only log of raw inbound messages, consumed by a consumer group of mediator instances,
 * at least once. Adapters: Redis Streams and Kafka; the mediator uses one when {@code
 * switchboard.inbound.log} names it (package {@code dev.switchboard.mediator.inbound}).
 *
 * <p><b>Ingress contract:</b> ingress answers the sender (HTTP 202, or the relay's backend post 2xx)
 * only after the stage returned by {@link #append} completed normally. Completion means the store
 * acknowledged the write (Redis: the {@code XADD} reply; Kafka: the producer's acknowledgement with
 * {@code acks=all}). If it completes exceptionally the sender gets an error and retries.
 */
public interface InboundLog extends AutoCloseable {

    /**
     * Appends one entry.
     *
     * @param key an optional key (Kafka: entries with the same key keep their order in one partition;
     *     use the recipient or the sender's connection); ignored by Redis Streams, which keeps one order
     * @param payload the raw message, at least 1 byte
     * @return the stored entry's id; completes exceptionally with {@link dev.switchboard.queue.QueueException} on failure
     */
    CompletionStage<String> append(@Nullable String key, byte[] payload);

    /**
     * Creates a member of the log's consumer group (creating the group on first use). Each member is
     * used by one thread; a mediator instance normally runs one.
     *
     * @param consumerName unique and stable per mediator instance (e.g. the pod name), so that its
     *     unacknowledged entries can be recognised after a restart
     */
    InboundConsumer consumer(String consumerName);

    /** Closes the producer side. Consumers are closed separately. */
    @Override
    void close();
}
