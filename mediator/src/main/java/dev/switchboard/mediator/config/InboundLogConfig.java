package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The durable inbound log of forwards: {@code switchboard.inbound.log} and {@code switchboard.inbound.kafka.*},
 * {@code switchboard.inbound.stream.*} (environment: {@code SWITCHBOARD_INBOUND_LOG}, {@code
 * SWITCHBOARD_INBOUND_KAFKA_BOOTSTRAP_SERVERS}, ...). With {@code none} (the default) a forward is stored in the
 * recipient's mailbox before the sender gets 202, as always; with {@code kafka} or {@code redis-stream} it is
 * appended to the log before the 202 and the instances' consumer group stores and pushes it (package {@code
 * dev.switchboard.mediator.inbound}).
 */
@ConfigMapping(prefix = "switchboard.inbound")
public interface InboundLogConfig {

    /** Which log, if any. */
    enum Kind {
        /** No log: forwards are stored in the mailbox before the 202. */
        NONE,
        /** A Kafka topic (idempotent producer, {@code acks=all}; a consumer group of the mediators). */
        KAFKA,
        /** A Redis stream on the mediators' Redis ({@code XADD}; a consumer group, {@code XAUTOCLAIM}). */
        REDIS_STREAM
    }

    /** {@code none}, {@code kafka} or {@code redis-stream}. */
    @WithName("log")
    @WithDefault("none")
    Kind log();

    /**
     * The longest a forward waits for the log's acknowledgement; past it the sender gets 503 and retries (a
     * late append is then stored once: enqueue is idempotent by message id). Also Kafka's {@code max.block.ms}.
     */
    @WithDefault("10s")
    Duration appendTimeout();

    /**
     * This instance's name in the consumer group (Redis Streams keeps its unacknowledged entries under it).
     * Absent: {@code <HOSTNAME>-<pid>} (the pod name in Kubernetes), else {@code mediator-<pid>}.
     */
    Optional<String> consumerName();

    /** Entries taken per poll, {@code > 0}. */
    @WithDefault("64")
    int batch();

    /** The Kafka log ({@code log=kafka}). */
    Kafka kafka();

    /** The Redis Streams log ({@code log=redis-stream}). */
    Stream stream();

    /** {@code switchboard.inbound.kafka.*}. */
    interface Kafka {
        /** {@code host:port[,host:port]}; required with {@code log=kafka}. */
        Optional<String> bootstrapServers();

        /** The topic of forwards. */
        @WithDefault("switchboard-inbound")
        String topic();

        /** The consumer group of the mediator instances. */
        @WithDefault("mediators")
        String group();

        /** How long a silent member keeps its partitions before the group rebalances. */
        @WithDefault("10s")
        Duration sessionTimeout();

        /**
         * Partitions of the topic when the mediator creates it ({@code create-topic}): the most instances that
         * consume at once.
         */
        @WithDefault("12")
        int partitions();

        /** Replicas of each partition when the mediator creates the topic (3 in production, 1 on one broker). */
        @WithDefault("3")
        short replicationFactor();

        /** Create the topic at startup if it does not exist (off when operators create it, e.g. Strimzi). */
        @WithDefault("true")
        boolean createTopic();

        /** Further Kafka client properties (TLS, SASL, ...), applied last to producer and consumer. */
        Map<String, String> client();
    }

    /** {@code switchboard.inbound.stream.*}. */
    interface Stream {
        /** The stream's name (the key prefix is added). */
        @WithDefault("inbound")
        String name();

        /** The consumer group of the mediator instances. */
        @WithDefault("mediators")
        String group();

        /** Approximate cap on retained entries; size it so nothing is trimmed before it was processed. */
        @WithDefault("1000000")
        long maxLength();

        /** How long an entry stays unacknowledged before another instance takes it over (its owner died). */
        @WithDefault("30s")
        Duration reclaimIdle();
    }
}
