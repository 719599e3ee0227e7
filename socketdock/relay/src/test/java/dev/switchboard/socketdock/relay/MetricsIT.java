package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.DISCONNECT;
import static dev.switchboard.socketdock.relay.support.RelayFixture.MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.relay.metrics.RelayMetrics;
import dev.switchboard.socketdock.relay.support.RelayFixture;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scrapes {@code GET /metrics} of a real relay (Micrometer's Prometheus registry) after real traffic: every
 * family in {@link RelayMetrics#NAMES} is there with a sample, in the text format 0.0.4, and the counts
 * follow what happened (one frame in, one out, one retried 500, one close 1000, one refused path).
 */
class MetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void everyMetricNameIsExportedAndCountsFollowTraffic() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> b.backendRetries(1))) {
            AtomicInteger messages = new AtomicInteger();
            backend.answer(r -> r.path().equals(MESSAGE) && messages.getAndIncrement() == 0
                    ? new TestBackend.Answer(500, Duration.ZERO) // the first attempt fails, its retry succeeds
                    : TestBackend.Answer.ok());
            try (WsClient client = WsClient.connect(fixture.ws())) {
                client.sendText("count me");
                backend.next(MESSAGE, WAIT);
                var retried = backend.next(MESSAGE, WAIT);
                assertThat(retried).isNotNull();
                URI send = URI.create(
                        JSON.readTree(retried.body()).path("meta").path("send").asText());
                byte[] out = "back".getBytes(StandardCharsets.UTF_8);
                assertThat(fixture.signedPost(send, "text/plain", out).statusCode())
                        .isEqualTo(200);
                assertThat(client.next(WAIT).string()).isEqualTo("back");
                client.close(1000);
                assertThat(backend.next(DISCONNECT, WAIT)).isNotNull();
            }
            assertThat(RelayFixture.get(
                                    URI.create("http://127.0.0.1:" + fixture.relay.publicPort() + "/not-a-socket-path"))
                            .statusCode())
                    .isEqualTo(404);

            HttpResponse<String> scrape = RelayFixture.get(fixture.internal("/metrics"));
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            String body = scrape.body();
            for (String name : RelayMetrics.NAMES) {
                assertThat(body)
                        .as(name)
                        .containsPattern(Pattern.compile("(?m)^# TYPE " + name + " "))
                        .containsPattern(Pattern.compile("(?m)^" + name + "(_bucket)?(\\{[^}]*})? "));
            }
            assertThat(body)
                    .contains("socketdock_connections_opened_total 1.0")
                    .contains("socketdock_frames_in_total{frame=\"text\"} 1.0")
                    .contains("socketdock_frames_out_total{frame=\"text\"} 1.0")
                    .contains("socketdock_bytes_in_total 8.0")
                    .contains("socketdock_backend_errors_total{event=\"message\",status=\"500\"} 1.0")
                    .contains("socketdock_backend_retries_total{event=\"message\"} 1.0")
                    .contains("socketdock_callback_requests_total{callback=\"send\",status=\"200\"} 1.0")
                    .contains("socketdock_connections_closed_total{code=\"1000\"} 1.0")
                    .contains("socketdock_upgrades_rejected_total{reason=\"path\"} 1.0")
                    .contains("socketdock_backend_request_duration_seconds_count{event=\"message\"} 2")
                    .contains("socketdock_connections_open 0.0");
        }
    }
}
