package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.CONNECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.relay.support.RawWsClient;
import dev.switchboard.socketdock.relay.support.RelayFixture;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callback statuses on real sockets: 401 (nothing written), 404, 413, 503, and compatibility mode. */
class CallbackStatusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    private TestBackend backend;
    private RelayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend();
        fixture = new RelayFixture(backend, b -> b.maxCallbackBody(64 * 1024).writeBufferHigh(16 * 1024));
    }

    @AfterEach
    void stop() {
        fixture.close();
        backend.close();
    }

    private URI sendUri() throws Exception {
        return URI.create(JSON.readTree(backend.next(CONNECT, WAIT).body())
                .get("meta")
                .get("send")
                .asText());
    }

    @Test
    void missingExpiredTamperedOrMisboundTokensGet401AndNothingIsWritten() throws Exception {
        try (WsClient client = WsClient.connect(fixture.ws())) {
            URI send = sendUri();
            // missing
            assertThat(RelayFixture.post(send, "text/plain", HELLO, null).statusCode())
                    .isEqualTo(401);
            // expired: signed two minutes ago with a 60 s lifetime
            String expired = RequestSigner.hs256(
                            RelayFixture.SECRET,
                            Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC),
                            Duration.ofSeconds(60))
                    .authorization("POST", send, HELLO);
            assertThat(RelayFixture.post(send, "text/plain", HELLO, expired).statusCode())
                    .isEqualTo(401);
            // tampered: claims re-encoded for another body, signature kept
            String good = fixture.signer.authorization("POST", send, HELLO);
            String[] parts = good.substring("Bearer ".length()).split("\\.");
            String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            String forgedClaims = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(claims.replace("\"htm\":\"POST\"", "\"htm\":\"POST\",\"x\":1")
                            .getBytes(StandardCharsets.UTF_8));
            String tampered = "Bearer " + parts[0] + "." + forgedClaims + "." + parts[2];
            assertThat(RelayFixture.post(send, "text/plain", HELLO, tampered).statusCode())
                    .isEqualTo(401);
            // valid token, but for another body
            assertThat(RelayFixture.post(send, "text/plain", "evil".getBytes(StandardCharsets.UTF_8), good)
                            .statusCode())
                    .isEqualTo(401);
            // valid token, but for another path
            URI other = URI.create(send.toString().replace("/send", "/disconnect"));
            assertThat(RelayFixture.post(other, "text/plain", HELLO, good).statusCode())
                    .isEqualTo(401);

            assertThat(client.next(Duration.ofMillis(300)))
                    .as("nothing written")
                    .isNull();
            assertThat(client.isClosed()).isFalse();
            String once = fixture.signer.authorization("POST", send, HELLO, RequestBinding.ofCallback(send));
            assertThat(RelayFixture.post(send, "text/plain", HELLO, once).statusCode())
                    .isEqualTo(200);
            assertThat(client.next(WAIT).string()).isEqualTo("hello");
            // the same token again (a captured callback replayed): refused, nothing written
            assertThat(RelayFixture.post(send, "text/plain", HELLO, once).statusCode())
                    .isEqualTo(401);
            assertThat(client.next(Duration.ofMillis(300)))
                    .as("replay not written")
                    .isNull();
            // a token made for another socket's send callback, presented on this path (htp re-signed)
            String otherSocket =
                    fixture.signer.authorization("POST", send, HELLO, RequestBinding.connection("someone-else"));
            assertThat(RelayFixture.post(send, "text/plain", HELLO, otherSocket).statusCode())
                    .isEqualTo(401);
            assertThat(fixture.relay.context().metrics().callbackCount("send", 401))
                    .isEqualTo(6);
        }
    }

    @Test
    void unknownConnectionIs404AndOversizedBodyIs413() throws Exception {
        URI unknown = fixture.internal("/socket/nosuchconnection/send");
        var notFound = fixture.signedPost(unknown, "text/plain", HELLO);
        assertThat(notFound.statusCode()).isEqualTo(404);

        try (WsClient client = WsClient.connect(fixture.ws())) {
            URI send = sendUri();
            byte[] big = new byte[64 * 1024 + 1];
            assertThat(fixture.signedPost(send, "application/octet-stream", big).statusCode())
                    .isEqualTo(413);
            assertThat(client.next(Duration.ofMillis(200))).isNull();
        }
        assertThat(fixture.relay.context().metrics().callbackCount("send", 413)).isEqualTo(1);
    }

    @Test
    void sendToASocketWhoseOutboundBufferIsFullIs503WithRetryAfter() throws Exception {
        try (RawWsClient stalled = new RawWsClient("127.0.0.1", fixture.relay.publicPort(), 4096)) {
            URI send = sendUri();
            byte[] chunk = new byte[60 * 1024];
            int status = 0;
            String retryAfter = null;
            for (int i = 0; i < 400 && status != 503; i++) {
                var response = fixture.signedPost(send, "application/octet-stream", chunk);
                status = response.statusCode();
                retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                assertThat(status).isIn(200, 503);
            }
            assertThat(status).isEqualTo(503);
            assertThat(retryAfter).isEqualTo("1");
        }
    }

    @Test
    void compatibilityModeServesCallbacksOnThePublicPort() throws Exception {
        try (RelayFixture compat = new RelayFixture(backend, b -> b.compatPublicCallbacks(true));
                WsClient client = WsClient.connect(compat.ws())) {
            URI send = sendUri();
            assertThat(send.getPort()).isEqualTo(compat.relay.publicPort());
            assertThat(compat.signedPost(send, "text/plain", HELLO).statusCode())
                    .isEqualTo(200);
            assertThat(client.next(WAIT).string()).isEqualTo("hello");
        }
    }
}
