package dev.switchboard.queue.kafka;

import dev.switchboard.queue.config.KafkaLogSettings;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.metrics.QueueMetrics;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** {@link InboundLog} on a Kafka topic (work in progress). */
public final class KafkaInboundLog implements InboundLog {

    private KafkaInboundLog(KafkaLogSettings settings, QueueMetrics metrics) {}

    /** Creates the producer side; consumers are created by {@link #consumer}. */
    public static KafkaInboundLog create(KafkaLogSettings settings, QueueMetrics metrics) {
        return new KafkaInboundLog(settings, metrics);
    }

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
