package dev.switchboard.queue.redis;

import dev.switchboard.queue.config.StreamLogSettings;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.metrics.QueueMetrics;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** {@link InboundLog} on a Redis stream (work in progress). */
final class RedisStreamInboundLog implements InboundLog {

    RedisStreamInboundLog(RedisConnection connection, Keys keys, StreamLogSettings settings, QueueMetrics metrics) {}

    @Override
    public CompletionStage<String> append(@Nullable String key, byte[] payload) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public InboundConsumer consumer(String consumerName) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {}
}
