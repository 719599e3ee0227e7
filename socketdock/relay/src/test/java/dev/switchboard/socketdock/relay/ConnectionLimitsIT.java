package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.CONNECT;
import static dev.switchboard.socketdock.relay.support.RelayFixture.MESSAGE;
import static dev.switchboard.socketdock.relay.support.RelayFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.relay.support.RelayFixture;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The relay's connection limits of issue 13 (hole 4) on real loopback sockets: half-open sockets count towards
 * the connection cap and the handshake timeout closes them; sockets and new sockets per second per address;
 * a message the backend refuses as too large (413) closes the socket with 1009 rather than vanishing; and a
 * relay with its own key id signs under it and accepts only callbacks signed under it.
 */
class ConnectionLimitsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The status with which an upgrade is refused (fails the test when it is accepted). */
    private static int refusal(URI ws) {
        try {
            WsClient.connect(ws).close();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
        throw new AssertionError("upgrade accepted");
    }

    private static String rejected(RelayFixture fixture, String reason) {
        return "socketdock_upgrades_rejected_total{reason=\"" + reason + "\"} ";
    }

    @Test
    void aHalfOpenSocketCountsTowardsTheCapUntilTheHandshakeTimeoutClosesIt() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture =
                        new RelayFixture(backend, b -> b.maxConnections(1).handshakeTimeout(Duration.ofMillis(500)));
                Socket halfOpen = new Socket("127.0.0.1", fixture.relay.publicPort())) {
            // connected, nothing sent: it holds the only place
            Awaitility.await().atMost(WAIT).until(() -> refusal(fixture.ws()) == 503);
            assertThat(fixture.relay.context().metrics().scrape()).contains(rejected(fixture, "capacity"));

            halfOpen.setSoTimeout((int) WAIT.toMillis());
            InputStream in = halfOpen.getInputStream();
            long start = System.nanoTime();
            assertThat(in.read()).as("closed by the relay without an answer").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
            assertThat(fixture.relay.context().metrics().scrape())
                    .contains(rejected(fixture, "handshake_timeout") + "1.0");

            // its place is free again, and an upgraded socket outlives the handshake timeout
            try (WsClient client = WsClient.connect(fixture.ws())) {
                Thread.sleep(800);
                client.sendText("still here");
                assertThat(JSON.readTree(backend.next(MESSAGE, WAIT).body())
                                .get("message")
                                .asText())
                        .isEqualTo("still here");
            }
        }
    }

    @Test
    void socketsPerAddressAreCappedAndAPlaceFreesWhenOneCloses() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture =
                        new RelayFixture(backend, b -> b.maxSocketsPerAddress(2).maxSocketRatePerAddress(0))) {
            WsClient a = WsClient.connect(fixture.ws());
            try (WsClient b = WsClient.connect(fixture.ws())) {
                assertThat(b.isClosed()).isFalse();
                assertThat(refusal(fixture.ws())).isEqualTo(503);
                assertThat(fixture.relay.context().metrics().scrape())
                        .contains(rejected(fixture, "address_sockets") + "1.0")
                        .contains("socketdock_address_table_size 1.0");
                a.close();
                Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                    try (WsClient c = WsClient.connect(fixture.ws())) {
                        assertThat(c.isClosed()).isFalse();
                    }
                });
            }
        }
    }

    @Test
    void newSocketsPerSecondPerAddressAreRateLimited() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture =
                        new RelayFixture(backend, b -> b.maxSocketsPerAddress(0).maxSocketRatePerAddress(5))) {
            // a burst of one second's worth (plain TCP connects: milliseconds) goes through ...
            List<Socket> burst = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                burst.add(new Socket("127.0.0.1", fixture.relay.publicPort()));
            }
            // ... and the next connection within that second is refused
            assertThat(refusal(fixture.ws())).isEqualTo(503);
            for (Socket s : burst) {
                s.close();
            }
            assertThat(fixture.relay.context().metrics().scrape()).contains(rejected(fixture, "address_rate") + "1.0");
            // tokens come back at 5 per second
            Awaitility.await().atMost(WAIT).pollDelay(Duration.ofMillis(400)).untilAsserted(() -> {
                try (WsClient d = WsClient.connect(fixture.ws())) {
                    assertThat(d.isClosed()).isFalse();
                }
            });
        }
    }

    @Test
    void aMessageTheBackendRefusesAsTooLargeClosesTheSocketWith1009() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> {});
                WsClient client = WsClient.connect(fixture.ws())) {
            backend.answer(r ->
                    r.path().equals(MESSAGE) ? new TestBackend.Answer(413, Duration.ZERO) : TestBackend.Answer.ok());
            client.sendBinary(new byte[1000]);
            WsClient.Close close = client.awaitClose(WAIT);
            assertThat(close.code()).isEqualTo(1009);
            Awaitility.await()
                    .atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(fixture.relay.context().metrics().closedCount(1009))
                                    .isEqualTo(1));
        }
    }

    @Test
    void aRelayWithItsOwnKeyIdSignsUnderItAndAcceptsOnlyCallbacksUnderIt() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> b.keyId("relay-test"));
                WsClient client = WsClient.connect(fixture.ws())) {
            TestBackend.Received connect = backend.next(CONNECT, WAIT);
            String token = connect.header(HttpNames.AUTHORIZATION).substring("Bearer ".length());
            assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("relay-test");
            URI send = URI.create(
                    JSON.readTree(connect.body()).get("meta").get("send").asText());
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);

            String shared =
                    RequestSigner.hs256(SECRET).authorization("POST", send, hello, RequestBinding.ofCallback(send));
            assertThat(RelayFixture.post(send, "text/plain", hello, shared).statusCode())
                    .as("the shared secret without kid is not this relay's key")
                    .isEqualTo(401);
            String own = RequestSigner.hs256(SECRET, "relay-test")
                    .authorization("POST", send, hello, RequestBinding.ofCallback(send));
            assertThat(RelayFixture.post(send, "text/plain", hello, own).statusCode())
                    .isEqualTo(200);
            assertThat(client.next(WAIT).string()).isEqualTo("hello");
        }
    }
}
