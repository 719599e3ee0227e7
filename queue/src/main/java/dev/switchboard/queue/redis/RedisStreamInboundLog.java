package dev.switchboard.queue.redis;

import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.config.StreamLogSettings;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@link InboundLog} on one Redis stream ({@code XADD} with approximate {@code MAXLEN} trimming) and
 * one consumer group ({@code XREADGROUP}, {@code XACK}, {@code XAUTOCLAIM}). Appends use the shared
 * connection; each consumer opens its own connection for its blocking reads.
 */
final class RedisStreamInboundLog implements InboundLog {

    static final String FIELD_KEY = "k";
    static final String FIELD_PAYLOAD = "p";

    private final RedisConnection connection;
    private final String stream;
    private final StreamLogSettings settings;
    private final QueueMetrics metrics;
    private final Timed timed;

    RedisStreamInboundLog(RedisConnection connection, Keys keys, StreamLogSettings settings, QueueMetrics metrics) {
        this.connection = connection;
        this.stream = keys.stream(settings.stream());
        this.settings = settings;
        this.metrics = metrics;
        this.timed = new Timed(metrics);
    }

    @Override
    public CompletionStage<String> append(@Nullable String key, byte[] payload) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("payload: 0 bytes (expected: at least 1)");
        }
        Map<String, byte[]> body = new HashMap<>(2);
        body.put(FIELD_PAYLOAD, payload);
        if (key != null) {
            body.put(FIELD_KEY, Args.bytes(key));
        }
        XAddArgs args = XAddArgs.Builder.maxlen(settings.maxLength()).approximateTrimming();
        return timed.run(
                QueueOperation.LOG_APPEND,
                "log append",
                () -> connection.async().xadd(stream, args, body).thenApply(id -> {
                    metrics.logAppended(1);
                    return id;
                }));
    }

    @Override
    public InboundConsumer consumer(String consumerName) {
        if (consumerName.isBlank()) {
            throw new IllegalArgumentException("consumerName: '' (expected: non-blank)");
        }
        RedisConnection.Dedicated dedicated = connection.openDedicated();
        try {
            dedicated
                    .sync()
                    .xgroupCreate(
                            XReadArgs.StreamOffset.from(stream, "0-0"),
                            settings.group(),
                            XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException groupExists) {
            // BUSYGROUP: another member created it first
        } catch (RuntimeException e) {
            dedicated.close();
            throw new QueueException("cannot create consumer group " + settings.group() + " on " + stream, e);
        }
        return new RedisStreamConsumer(
                dedicated,
                stream,
                settings.group(),
                consumerName,
                metrics,
                connection.settings().commandTimeout());
    }

    /** Leaves the shared connection open (it belongs to {@link RedisQueue}). */
    @Override
    public void close() {}
}
