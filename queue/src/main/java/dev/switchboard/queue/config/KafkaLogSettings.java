package dev.switchboard.queue.config;

import java.time.Duration;
import java.util.Map;

/**
 * The inbound log on Kafka.
 *
 * @param bootstrapServers {@code host:port[,host:port]}, non-blank
 * @param topic the topic (created by operators or auto-created by the broker), non-blank
 * @param groupId the consumer group of mediator instances, non-blank
 * @param sessionTimeout how long a silent consumer keeps its partitions before the group rebalances,
 *     {@code > 0}
 * @param extra further client properties (TLS, SASL ...), applied last to producer and consumer
 */
public record KafkaLogSettings(
        String bootstrapServers, String topic, String groupId, Duration sessionTimeout, Map<String, String> extra) {

    /** Checks the arguments and copies {@code extra}. */
    public KafkaLogSettings {
        Checks.notBlank("bootstrapServers", bootstrapServers);
        Checks.notBlank("topic", topic);
        Checks.notBlank("groupId", groupId);
        Checks.positive("sessionTimeout", sessionTimeout);
        extra = Map.copyOf(extra);
    }

    /** Topic {@code switchboard-inbound}, group {@code mediators}, 10 s session timeout. */
    public static KafkaLogSettings of(String bootstrapServers) {
        return new KafkaLogSettings(
                bootstrapServers, "switchboard-inbound", "mediators", Duration.ofSeconds(10), Map.of());
    }
}
