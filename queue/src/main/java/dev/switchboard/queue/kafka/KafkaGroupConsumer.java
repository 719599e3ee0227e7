package dev.switchboard.queue.kafka;

import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.config.KafkaLogSettings;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundEntry;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One member of the Kafka consumer group. Offsets are committed by hand (auto-commit off): per
 * partition, the committed offset is the lowest handed-out offset not yet acknowledged, or the next
 * offset when all are. A member that dies leaves its uncommitted records to the partition's next
 * owner, which reads them again (at least once). Records fetched but not yet handed out wait in a
 * local buffer, dropped when their partition is revoked.
 */
final class KafkaGroupConsumer implements InboundConsumer {

    private final KafkaConsumer<String, byte[]> consumer;
    private final QueueMetrics metrics;
    private final ArrayDeque<ConsumerRecord<String, byte[]>> buffer = new ArrayDeque<>();
    private final Map<TopicPartition, Progress> progress = new HashMap<>();

    /** Handed-out offsets of one partition not yet acknowledged, and the next offset after the last handed out. */
    private static final class Progress {
        final TreeSet<Long> outstanding = new TreeSet<>();
        long next = -1;

        long committable() {
            return outstanding.isEmpty() ? next : outstanding.first();
        }
    }

    KafkaGroupConsumer(KafkaLogSettings settings, String name, QueueMetrics metrics) {
        this.metrics = metrics;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int)
                settings.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int)
                Math.max(100, settings.sessionTimeout().toMillis() / 3));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putAll(settings.extra());
        this.consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commit(partitions);
                forget(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                forget(partitions); // another member owns them already: committing would fail
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
        });
    }

    @Override
    public List<InboundEntry> poll(int max, Duration wait) {
        if (max <= 0) {
            throw new IllegalArgumentException("max: %s (expected: > 0)".formatted(max));
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait: %s (expected: >= 0)".formatted(wait));
        }
        return timed(QueueOperation.LOG_POLL, "log poll", () -> {
            // poll even with a full buffer: it keeps the membership alive and runs rebalance callbacks
            for (ConsumerRecord<String, byte[]> record : consumer.poll(buffer.isEmpty() ? wait : Duration.ZERO)) {
                buffer.add(record);
            }
            List<InboundEntry> out = new ArrayList<>(Math.min(max, buffer.size()));
            while (out.size() < max && !buffer.isEmpty()) {
                ConsumerRecord<String, byte[]> record = buffer.poll();
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Progress p = progress.computeIfAbsent(partition, k -> new Progress());
                p.outstanding.add(record.offset());
                p.next = Math.max(p.next, record.offset() + 1);
                out.add(new InboundEntry(
                        record.partition() + "-" + record.offset(),
                        record.key(),
                        record.value(),
                        Instant.ofEpochMilli(record.timestamp()),
                        1));
            }
            return out;
        });
    }

    @Override
    public void acknowledge(Collection<InboundEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        timed(QueueOperation.LOG_ACKNOWLEDGE, "log acknowledge", () -> {
            List<TopicPartition> touched = new ArrayList<>();
            for (InboundEntry entry : entries) {
                int dash = entry.id().lastIndexOf('-');
                int partition = Integer.parseInt(entry.id().substring(0, dash));
                long offset = Long.parseLong(entry.id().substring(dash + 1));
                for (Map.Entry<TopicPartition, Progress> p : progress.entrySet()) {
                    if (p.getKey().partition() == partition
                            && p.getValue().outstanding.remove(offset)) {
                        touched.add(p.getKey());
                    }
                }
            }
            commit(touched);
            return null;
        });
    }

    @Override
    public long lag() {
        long lag = buffer.size();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong behind = consumer.currentLag(partition);
            if (behind.isPresent()) {
                lag += behind.getAsLong();
            }
        }
        return lag;
    }

    /** Kafka hands a dead member's records to the partition's next owner through {@link #poll}. */
    @Override
    public List<InboundEntry> reclaim(Duration minIdle, int max) {
        return List.of();
    }

    @Override
    public void close() {
        try {
            commit(new ArrayList<>(progress.keySet()));
        } catch (RuntimeException ignored) {
            // leaving anyway: the next owner reads from the last commit
        }
        consumer.close();
    }

    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Progress p = progress.get(partition);
            if (p != null && p.next >= 0) {
                offsets.put(partition, new OffsetAndMetadata(p.committable()));
            }
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            progress.remove(partition);
        }
        buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }

    private <T> T timed(QueueOperation operation, String what, Supplier<T> call) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            T value = call.get();
            ok = true;
            return value;
        } catch (QueueException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new QueueException(what + " failed: " + e.getMessage(), e);
        } finally {
            metrics.latency(operation, System.nanoTime() - start, ok);
        }
    }
}
