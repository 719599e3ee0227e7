package dev.switchboard.queue.redis;

import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundEntry;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One member of the stream's consumer group, on its own connection. Not thread-safe. */
final class RedisStreamConsumer implements InboundConsumer {

    private final RedisConnection.Dedicated connection;
    private final String stream;
    private final String group;
    private final Consumer<String> consumer;
    private final QueueMetrics metrics;
    private final long maxBlockMillis;

    RedisStreamConsumer(
            RedisConnection.Dedicated connection,
            String stream,
            String group,
            String name,
            QueueMetrics metrics,
            Duration commandTimeout) {
        this.connection = connection;
        this.stream = stream;
        this.group = group;
        this.consumer = Consumer.from(group, name);
        this.metrics = metrics;
        // a blocking read must answer before the client's command timeout fires
        this.maxBlockMillis = Math.max(1, commandTimeout.toMillis() / 2);
    }

    @Override
    public List<InboundEntry> poll(int max, Duration wait) {
        if (max <= 0) {
            throw new IllegalArgumentException("max: %s (expected: > 0)".formatted(max));
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait: %s (expected: >= 0)".formatted(wait));
        }
        XReadArgs args = XReadArgs.Builder.count(max);
        if (!wait.isZero()) {
            args.block(Math.min(wait.toMillis(), maxBlockMillis));
        }
        return timed(QueueOperation.LOG_POLL, "log poll", () -> {
            List<StreamMessage<String, byte[]>> messages =
                    connection.sync().xreadgroup(consumer, args, XReadArgs.StreamOffset.lastConsumed(stream));
            List<InboundEntry> out = new ArrayList<>(messages == null ? 0 : messages.size());
            if (messages != null) {
                for (StreamMessage<String, byte[]> message : messages) {
                    out.add(entry(message, 1));
                }
            }
            return out;
        });
    }

    @Override
    public void acknowledge(Collection<InboundEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String[] ids = entries.stream().map(InboundEntry::id).toArray(String[]::new);
        timed(
                QueueOperation.LOG_ACKNOWLEDGE,
                "log acknowledge",
                () -> connection.sync().xack(stream, group, ids));
    }

    @Override
    public List<InboundEntry> reclaim(Duration minIdle, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max: %s (expected: > 0)".formatted(max));
        }
        if (minIdle.isNegative() || minIdle.isZero()) {
            throw new IllegalArgumentException("minIdle: %s (expected: > 0)".formatted(minIdle));
        }
        return timed(QueueOperation.LOG_RECLAIM, "log reclaim", () -> {
            List<InboundEntry> out = new ArrayList<>();
            List<String> vanished = new ArrayList<>();
            String cursor = "0-0";
            do {
                ClaimedMessages<String, byte[]> claimed = connection
                        .sync()
                        .xautoclaim(
                                stream,
                                XAutoClaimArgs.Builder.xautoclaim(consumer, minIdle, cursor)
                                        .count(max - out.size()));
                for (StreamMessage<String, byte[]> message : claimed.getMessages()) {
                    Map<String, byte[]> body = message.getBody();
                    if (body == null || body.get(RedisStreamInboundLog.FIELD_PAYLOAD) == null) {
                        vanished.add(message.getId()); // trimmed away before anyone processed it
                    } else {
                        out.add(entry(message, 2));
                    }
                }
                cursor = claimed.getId();
            } while (out.size() < max && cursor != null && !"0-0".equals(cursor));
            if (!vanished.isEmpty()) {
                connection.sync().xack(stream, group, vanished.toArray(String[]::new));
            }
            if (!out.isEmpty()) {
                metrics.logReclaimed(out.size());
            }
            return out;
        });
    }

    @Override
    public void close() {
        connection.close();
    }

    private static InboundEntry entry(StreamMessage<String, byte[]> message, long deliveryCount) {
        Map<String, byte[]> body = message.getBody();
        byte[] key = body.get(RedisStreamInboundLog.FIELD_KEY);
        String id = message.getId();
        long millis = Long.parseLong(id.substring(0, id.indexOf('-')));
        return new InboundEntry(
                id,
                key == null ? null : Args.string(key),
                body.get(RedisStreamInboundLog.FIELD_PAYLOAD),
                Instant.ofEpochMilli(millis),
                deliveryCount);
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
