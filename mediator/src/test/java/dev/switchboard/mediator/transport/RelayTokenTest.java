package dev.switchboard.mediator.transport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.delivery.RelayAuth;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.socketdock.protocol.ConnectEvent;
import dev.switchboard.socketdock.protocol.Frame;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.IdempotencyKey;
import dev.switchboard.socketdock.protocol.MessageEvent;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Relay request tokens at the mediator (issue 13, callbacks): each token once, bound to its Idempotency-Key
 * and connection id, per-relay secrets by kid. Every refusal is a 401 counted by reason, and nothing is
 * processed (a refused frame writes nothing to the socket).
 */
@QuarkusTest
class RelayTokenTest {
    private static final RequestSigner SHARED = RequestSigner.hs256(SharedSecret.ofUtf8(RecordingRelay.SECRET));
    /** The test profile's {@code switchboard.relay.jwt-secrets.relay-kid}. */
    private static final SharedSecret KID_SECRET = SharedSecret.ofUtf8("switchboard-test-relay-kid-secret-01234567");

    private static final String MESSAGE = "/socketdock/message";
    private static final String CONNECT = "/socketdock/connect";

    @Inject
    MeterRegistry meters;

    @Inject
    RelayAuth auth;

    RecordingRelay relay;
    String instance;

    @BeforeEach
    void start() {
        instance = "relay-" + UUID.randomUUID();
        relay = new RecordingRelay(instance);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    private static int post(String path, byte[] body, String authorization, String key) {
        var request = given().contentType("application/json").header(HttpNames.AUTHORIZATION, authorization);
        if (key != null) {
            request.header(HttpNames.IDEMPOTENCY_KEY, key);
        }
        return request.body(body).post(path).statusCode();
    }

    private double refused(String reason) {
        var counter = meters.find("switchboard.relay.auth.refused")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private byte[] frame(String socket, long seq) {
        return SocketDockJson.write(
                MessageEvent.of(relay.meta(socket), seq, Frame.TEXT, "not didcomm".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReplayedTokenIs401() {
        byte[] body = SocketDockJson.write(new ConnectEvent(relay.meta("c1")));
        String token = SHARED.authorization("POST", CONNECT, body, RequestBinding.connection("c1"));
        double before = refused("replayed");
        assertThat(post(CONNECT, body, token, null)).isEqualTo(200);
        assertThat(post(CONNECT, body, token, null)).isEqualTo(401);
        assertThat(refused("replayed") - before).isEqualTo(1.0);
    }

    @Test
    void aTokenForAnotherIdempotencyKeyOrConnectionIs401() {
        String key = IdempotencyKey.of(instance, "c1", 1);
        byte[] body = frame("c1", 1);
        // captured token, moved to the next frame's key: refused, and the key is not claimed
        String token = SHARED.authorization("POST", MESSAGE, body, new RequestBinding(key, "c1"));
        assertThat(post(MESSAGE, body, token, IdempotencyKey.of(instance, "c1", 2)))
                .isEqualTo(401);
        assertThat(post(MESSAGE, body, token, null)).isEqualTo(401);
        // a token bound to another connection than the body names
        String other = SHARED.authorization("POST", MESSAGE, body, new RequestBinding(key, "c9"));
        double before = refused("mismatch");
        assertThat(post(MESSAGE, body, other, key)).isEqualTo(401);
        assertThat(refused("mismatch") - before).isEqualTo(1.0);
        // the genuine token still works: nothing above used its jti or claimed its key
        assertThat(post(MESSAGE, body, token, key)).isEqualTo(200);
    }

    @Test
    void expiredWrongPathAndWrongBodyTokensAre401() {
        byte[] body = SocketDockJson.write(new ConnectEvent(relay.meta("c1")));
        String expired = RequestSigner.hs256(
                        SharedSecret.ofUtf8(RecordingRelay.SECRET),
                        Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC),
                        RequestSigner.DEFAULT_TTL)
                .authorization("POST", CONNECT, body, RequestBinding.connection("c1"));
        assertThat(post(CONNECT, body, expired, null)).isEqualTo(401);
        String forMessage = SHARED.authorization("POST", MESSAGE, body, RequestBinding.connection("c1"));
        assertThat(post(CONNECT, body, forMessage, null)).isEqualTo(401);
        String forOtherBody = SHARED.authorization(
                "POST", CONNECT, "{}".getBytes(StandardCharsets.UTF_8), RequestBinding.connection("c1"));
        assertThat(post(CONNECT, body, forOtherBody, null)).isEqualTo(401);
    }

    @Test
    void aRelaysOwnKidIsAcceptedOnlyForItsInstanceAndUnknownKidsAre401() {
        RecordingRelay kidRelay = new RecordingRelay("relay-kid");
        try {
            RequestSigner own = RequestSigner.hs256(KID_SECRET, "relay-kid");
            byte[] mine = SocketDockJson.write(new ConnectEvent(kidRelay.meta("k1")));
            assertThat(post(
                            CONNECT,
                            mine,
                            own.authorization("POST", CONNECT, mine, RequestBinding.connection("k1")),
                            null))
                    .isEqualTo(200);
            // the same relay secret speaking for another instance's socket
            byte[] theirs = SocketDockJson.write(new ConnectEvent(relay.meta("k1")));
            assertThat(post(
                            CONNECT,
                            theirs,
                            own.authorization("POST", CONNECT, theirs, RequestBinding.connection("k1")),
                            null))
                    .isEqualTo(401);
            // a kid the mediator does not know (never configured, or revoked)
            double before = refused("unknown_key");
            RequestSigner revoked = RequestSigner.hs256(KID_SECRET, "relay-revoked");
            assertThat(post(
                            CONNECT,
                            mine,
                            revoked.authorization("POST", CONNECT, mine, RequestBinding.connection("k1")),
                            null))
                    .isEqualTo(401);
            assertThat(refused("unknown_key") - before).isEqualTo(1.0);
            // callbacks to that instance are signed under its kid, to others with the shared secret
            assertThat(auth.signerFor("relay-kid").keyId()).isEqualTo("relay-kid");
            assertThat(auth.signerFor(instance).keyId()).isNull();
        } finally {
            kidRelay.close();
        }
    }
}
