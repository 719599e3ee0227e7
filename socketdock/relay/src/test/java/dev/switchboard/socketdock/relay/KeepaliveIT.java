package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.DISCONNECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.relay.support.RawWsClient;
import dev.switchboard.socketdock.relay.support.RelayFixture;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Keepalive pings, pong timeout, idle timeout and maximum lifetime on real sockets. */
class KeepaliveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void silentClientIsClosedByKeepaliveAndItsDisconnectIsPosted() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(
                        backend, b -> b.pingInterval(Duration.ofMillis(300)).pongTimeout(Duration.ofMillis(1500)));
                RawWsClient silent = new RawWsClient("127.0.0.1", fixture.relay.publicPort(), 0);
                WsClient answering = WsClient.connect(fixture.ws())) {
            assertThat(silent.readUntilClose()).isEqualTo(1001);
            JsonNode d = JSON.readTree(backend.next(DISCONNECT, WAIT).body());
            assertThat(d.get("close_code").asInt()).isEqualTo(1001);
            assertThat(d.get("reason").asText()).isEqualTo("keepalive timeout");
            Thread.sleep(1000);
            assertThat(answering.isClosed())
                    .as("a client that answers pings stays open")
                    .isFalse();
            assertThat(backend.all(DISCONNECT)).hasSize(1);
        }
    }

    @Test
    void idleTimeoutClosesAQuietSocketWith1001() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> b.idleTimeout(Duration.ofMillis(1000)));
                WsClient client = WsClient.connect(fixture.ws())) {
            long start = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                Thread.sleep(200);
                client.sendText("still here");
            }
            assertThat(client.isClosed()).as("data frames keep it open").isFalse();
            WsClient.Close close = client.awaitClose(WAIT);
            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).isEqualTo("idle timeout");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(2100);
        }
    }

    @Test
    void maxLifetimeClosesAnActiveSocketWith1001() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> b.maxLifetime(Duration.ofMillis(500)));
                WsClient client = WsClient.connect(fixture.ws())) {
            WsClient.Close close = client.awaitClose(WAIT);
            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).isEqualTo("max lifetime");
        }
    }
}
