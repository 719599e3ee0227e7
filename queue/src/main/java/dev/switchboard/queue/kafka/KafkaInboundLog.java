package dev.switchboard.queue.kafka;

import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.config.KafkaLogSettings;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * {@link InboundLog} on a Kafka topic. Appends go through one idempotent producer with {@code
 * acks=all}: the stage completes when the partition leader and its in-sync replicas stored the
 * record, and its id is {@code partition-offset}. Each {@link #consumer} is a {@link KafkaConsumer}
 * member of the group {@link KafkaLogSettings#groupId()}; partitions are spread over the members and
 * rebalanced when one joins or leaves (or stays silent longer than the session timeout).
 */
public final class KafkaInboundLog implements InboundLog {

    private final KafkaLogSettings settings;
    private final QueueMetrics metrics;
    private final KafkaProducer<String, byte[]> producer;

    private KafkaInboundLog(KafkaLogSettings settings, QueueMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putAll(settings.extra());
        this.producer = new KafkaProducer<>(config);
    }

    /** Creates the producer side; consumers are created by {@link #consumer}. */
    public static KafkaInboundLog create(KafkaLogSettings settings, QueueMetrics metrics) {
        return new KafkaInboundLog(settings, metrics);
    }

    /**
     * Creates the topic if it does not exist (deployments usually create it up front).
     *
     * @param partitions how many, {@code > 0}: the most mediator instances that consume at once
     * @param replicationFactor copies of each partition, {@code > 0} (3 in production)
     * @throws QueueException if the cluster refuses or does not answer within 30 s
     */
    public static void createTopic(KafkaLogSettings settings, int partitions, short replicationFactor) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions: %s (expected: > 0)".formatted(partitions));
        }
        Map<String, Object> config = new HashMap<>(settings.extra());
        config.put("bootstrap.servers", settings.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(settings.topic(), partitions, replicationFactor)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new QueueException("cannot create topic " + settings.topic(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueException("interrupted creating topic " + settings.topic(), e);
        } catch (TimeoutException e) {
            throw new QueueException("timed out creating topic " + settings.topic(), e);
        }
    }

    @Override
    public CompletionStage<String> append(@Nullable String key, byte[] payload) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("payload: 0 bytes (expected: at least 1)");
        }
        long start = System.nanoTime();
        CompletableFuture<String> result = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(settings.topic(), key, payload), (stored, error) -> {
                metrics.latency(QueueOperation.LOG_APPEND, System.nanoTime() - start, error == null);
                if (error == null) {
                    metrics.logAppended(1);
                    result.complete(stored.partition() + "-" + stored.offset());
                } else {
                    result.completeExceptionally(new QueueException("log append failed: " + error.getMessage(), error));
                }
            });
        } catch (RuntimeException e) {
            metrics.latency(QueueOperation.LOG_APPEND, System.nanoTime() - start, false);
            result.completeExceptionally(new QueueException("log append failed: " + e.getMessage(), e));
        }
        return result;
    }

    @Override
    public InboundConsumer consumer(String consumerName) {
        if (consumerName.isBlank()) {
            throw new IllegalArgumentException("consumerName: '' (expected: non-blank)");
        }
        return new KafkaGroupConsumer(settings, consumerName, metrics);
    }

    /** Flushes and closes the producer. */
    @Override
    public void close() {
        producer.close();
    }
}
