package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.DISCONNECT;
import static dev.switchboard.socketdock.relay.support.RelayFixture.HEARTBEAT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.relay.support.RelayFixture;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Graceful drain, instance heartbeats, health and metrics endpoints. */
class DrainAndHeartbeatIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void drainTurnsReadinessOffRefusesUpgradesAndClosesSocketsWith1001OverTheWindow() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> b.drainWindow(Duration.ofMillis(1200)))) {
            assertThat(RelayFixture.get(fixture.internal("/health/ready")).statusCode())
                    .isEqualTo(200);
            List<WsClient> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(WsClient.connect(fixture.ws()));
            }
            Awaitility.await()
                    .atMost(5, TimeUnit.SECONDS)
                    .until(() -> fixture.relay.context().registry().size() == 4);
            long start = System.nanoTime();
            Thread drain = Thread.ofPlatform().start(fixture.relay::drainAndStop);
            Awaitility.await()
                    .atMost(2, TimeUnit.SECONDS)
                    .until(() -> fixture.relay.context().isDraining());

            assertThat(RelayFixture.get(fixture.internal("/health/ready")).statusCode())
                    .isEqualTo(503);
            assertThat(RelayFixture.get(fixture.internal("/health/live")).statusCode())
                    .isEqualTo(200);
            try {
                WsClient.connect(fixture.ws()).close();
                throw new AssertionError("upgrade accepted while draining");
            } catch (CompletionException e) {
                assertThat(((WebSocketHandshakeException) e.getCause())
                                .getResponse()
                                .statusCode())
                        .isEqualTo(503);
            }

            List<Long> closedAtMillis = new ArrayList<>();
            for (WsClient c : clients) {
                WsClient.Close close = c.awaitClose(WAIT);
                assertThat(close.code()).isEqualTo(1001);
                closedAtMillis.add((System.nanoTime() - start) / 1_000_000);
            }
            drain.join(20_000);
            assertThat(drain.isAlive()).isFalse();
            assertThat(closedAtMillis.stream().mapToLong(Long::longValue).max().orElseThrow())
                    .as("closes spread over the window, not all at once")
                    .isGreaterThanOrEqualTo(600);
            List<TestBackend.Received> notices = backend.all(DISCONNECT);
            assertThat(notices).hasSize(4);
            for (TestBackend.Received r : notices) {
                assertThat(JSON.readTree(r.body()).get("close_code").asInt()).isEqualTo(1001);
            }
        }
    }

    @Test
    void heartbeatsReportInstanceEndpointAndConnections() throws Exception {
        try (TestBackend backend = new TestBackend()) {
            try (RelayFixture fixture = new RelayFixture(
                            backend,
                            b -> b.heartbeatUri(backend.uri(HEARTBEAT)).heartbeatInterval(Duration.ofMillis(200)));
                    WsClient client = WsClient.connect(fixture.ws())) {
                TestBackend.Received beat;
                JsonNode hb;
                do {
                    beat = backend.next(HEARTBEAT, WAIT);
                    assertThat(beat).isNotNull();
                    hb = JSON.readTree(beat.body());
                } while (hb.get("connections").asInt() != 1);
                assertThat(RequestVerifier.hs256(RelayFixture.SECRET)
                                .verify(beat.header("Authorization"), "POST", HEARTBEAT, beat.body())
                                .ok())
                        .isTrue();
                assertThat(hb.get("instance_id").asText()).isEqualTo("relay-test");
                assertThat(hb.get("endpoint").asText()).isEqualTo("http://127.0.0.1:" + fixture.relay.internalPort());
                assertThat(hb.get("started_at").asText()).endsWith("Z");
            }
            int after = backend.all(HEARTBEAT).size();
            Thread.sleep(500);
            assertThat(backend.all(HEARTBEAT))
                    .as("heartbeats stop with the relay")
                    .hasSize(after);
        }
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> {})) {
            try (WsClient client = WsClient.connect(fixture.ws())) {
                client.sendText("x");
                backend.next(RelayFixture.MESSAGE, WAIT);
                client.close(1000);
                backend.next(DISCONNECT, WAIT);
            }
            var response = RelayFixture.get(fixture.internal("/metrics"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body())
                    .contains("# TYPE socketdock_connections_open gauge")
                    .contains("socketdock_connections_opened_total 1")
                    .contains("socketdock_connections_closed_total{code=\"1000\"} 1")
                    .contains("socketdock_frames_in_total{frame=\"text\"} 1")
                    .contains("socketdock_bytes_in_total 1")
                    .contains("socketdock_backend_request_duration_seconds_count{event=\"message\"} 1")
                    .contains("# TYPE socketdock_dispatch_queue_depth gauge");
            assertThat(RelayFixture.get(fixture.internal("/nope")).statusCode()).isEqualTo(404);
        }
    }
}
