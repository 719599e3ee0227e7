package dev.switchboard.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.route.Route;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void redisSettingsCheckArgumentsAndHideThePassword() {
        RedisSettings settings =
                RedisSettings.of("redis://user:secret@10.0.0.5:6379/0").withCredentials("app", "pw");
        assertThat(settings.toString()).doesNotContain("secret", "pw").contains("//***@10.0.0.5:6379", "password=***");
        assertThat(settings.withMode(RedisSettings.Mode.CLUSTER).mode()).isEqualTo(RedisSettings.Mode.CLUSTER);
        assertThatThrownBy(() -> RedisSettings.of("http://localhost"))
                .hasMessage("uri: http://localhost (expected: redis:// or rediss://)");
        assertThatThrownBy(() -> RedisSettings.of("redis://h").withKeyPrefix("a{b}"))
                .hasMessage("keyPrefix: a{b} (expected: no braces)");
    }

    @Test
    void mailboxSettingsCheckArguments() {
        assertThat(MailboxSettings.defaults().maxCount()).isEqualTo(10_000);
        assertThatThrownBy(() ->
                        new MailboxSettings(0, 1, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), 1))
                .hasMessage("maxCount: 0 (expected: > 0)");
        assertThatThrownBy(() ->
                        new MailboxSettings(1, 1, Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(1), 1))
                .hasMessage("maxTtl: PT1H (expected: >= defaultTtl PT2H)");
    }

    @Test
    void logSettingsCheckArguments() {
        assertThatThrownBy(() -> new StreamLogSettings("inbound", " ", 10))
                .hasMessage("group: ' ' (expected: non-blank)");
        assertThatThrownBy(() -> new KafkaLogSettings("h:9092", "t", "g", Duration.ZERO, Map.of()))
                .hasMessage("sessionTimeout: PT0S (expected: > 0)");
    }

    @Test
    void deliveryRequestAndRouteCheckArguments() {
        assertThatThrownBy(() -> DeliveryRequest.of(0, "o", Duration.ofSeconds(1)))
                .hasMessage("maxCount: 0 (expected: > 0)");
        assertThatThrownBy(() -> new DeliveryRequest(1, 0, "o", Duration.ofSeconds(1)))
                .hasMessage("maxBytes: 0 (expected: > 0)");
        assertThatThrownBy(() -> DeliveryRequest.of(1, "o", Duration.ZERO)).hasMessage("lease: PT0S (expected: > 0)");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        URI uri = URI.create("http://relay/socket/c/send");
        assertThatThrownBy(() -> new Route("r", "i", "c", uri, uri, t, t))
                .hasMessage("leaseUntil: 2026-01-01T00:00:00Z (expected: after since 2026-01-01T00:00:00Z)");
    }
}
