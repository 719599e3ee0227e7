package dev.switchboard.mediator.inbound;

import dev.switchboard.mediator.config.InboundLogConfig;
import dev.switchboard.mediator.store.QueueProducer;
import dev.switchboard.queue.config.KafkaLogSettings;
import dev.switchboard.queue.config.StreamLogSettings;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.kafka.KafkaInboundLog;
import dev.switchboard.queue.metrics.MicrometerQueueMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The inbound log this instance appends forwards to and consumes from, as {@code switchboard.inbound.log}
 * says: none, a Kafka topic ({@link KafkaInboundLog}, created at startup unless {@code
 * switchboard.inbound.kafka.create-topic=false}) or a Redis stream on the mediators' Redis.
 *
 * @throws IllegalArgumentException at startup when {@code log=kafka} has no {@code bootstrap-servers}
 */
@ApplicationScoped
public class InboundLogs {
    private final InboundLogConfig config;
    private final @Nullable InboundLog log;

    /**
     * @param queue the Redis queue, asked for only with {@code log=redis-stream}
     * @param meters where the log's queue meters ({@code switchboard_queue_latency{operation=log_*}}, {@code
     *     switchboard_queue_log_appended_total}) go
     */
    public InboundLogs(InboundLogConfig config, Instance<QueueProducer> queue, MeterRegistry meters) {
        this.config = config;
        this.log = switch (config.log()) {
            case NONE -> null;
            case KAFKA -> {
                KafkaLogSettings settings = kafkaSettings(config);
                if (config.kafka().createTopic()) {
                    KafkaInboundLog.createTopic(
                            settings,
                            config.kafka().partitions(),
                            config.kafka().replicationFactor());
                }
                yield KafkaInboundLog.create(settings, new MicrometerQueueMetrics(meters));
            }
            case REDIS_STREAM ->
                queue.get()
                        .streamLog(new StreamLogSettings(
                                config.stream().name(),
                                config.stream().group(),
                                config.stream().maxLength()));
        };
    }

    /** The Kafka settings of {@code switchboard.inbound.kafka.*}. */
    static KafkaLogSettings kafkaSettings(InboundLogConfig config) {
        InboundLogConfig.Kafka kafka = config.kafka();
        String servers = kafka.bootstrapServers()
                .orElseThrow(
                        () -> new IllegalArgumentException(
                                "switchboard.inbound.kafka.bootstrap-servers: absent (expected with switchboard.inbound.log=kafka)"));
        Map<String, String> client = new HashMap<>();
        // a forward waits at most append-timeout, also while the producer has no metadata for the topic
        client.put("max.block.ms", Long.toString(config.appendTimeout().toMillis()));
        client.putAll(kafka.client());
        return new KafkaLogSettings(servers, kafka.topic(), kafka.group(), kafka.sessionTimeout(), client);
    }

    /** The log, or empty with {@code log=none}. */
    public Optional<InboundLog> log() {
        return Optional.ofNullable(log);
    }

    /** A new member of the log's consumer group named after this instance (see {@link #consumerName}). */
    InboundConsumer consumer() {
        if (log == null) {
            throw new IllegalStateException("switchboard.inbound.log=none: no consumer");
        }
        return log.consumer(consumerName(config));
    }

    /**
     * {@code consumer-name}, else {@code <HOSTNAME>-<pid>} (the pod name in Kubernetes), else {@code
     * mediator-<pid>}: unique among instances sharing a host.
     */
    static String consumerName(InboundLogConfig config) {
        return config.consumerName().filter(n -> !n.isBlank()).orElseGet(() -> {
            String host = System.getenv("HOSTNAME");
            return (host != null && !host.isBlank() ? host : "mediator") + "-"
                    + ProcessHandle.current().pid();
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (log != null) {
            log.close();
        }
    }
}
