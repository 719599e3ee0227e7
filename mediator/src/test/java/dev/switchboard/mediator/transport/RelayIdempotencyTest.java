package dev.switchboard.mediator.transport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.socketdock.protocol.Frame;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.IdempotencyKey;
import dev.switchboard.socketdock.protocol.MessageEvent;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relay's retry of a frame (same {@code Idempotency-Key}) is answered without processing the frame twice,
 * across a real Redis. Test profile: retries of an attempt in progress wait 500 ms, then get 503; a first
 * attempt holds its key for 2 s.
 */
@QuarkusTest
class RelayIdempotencyTest {
    private static final String PING = "https://didcomm.org/trust_ping/1.0/ping";
    private static final RequestSigner SIGNER = RequestSigner.hs256(SharedSecret.ofUtf8(RecordingRelay.SECRET));

    @Inject
    MediatorIdentity identity;

    @Inject
    RelayIdempotency idempotency;

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

    private Response frame(String socket, long seq, byte[] payload, String key) {
        byte[] body = SocketDockJson.write(MessageEvent.of(relay.meta(socket), seq, Frame.TEXT, payload));
        String path = "/socketdock/message";
        return given().contentType("application/json")
                .header(
                        HttpNames.AUTHORIZATION,
                        SIGNER.authorization("POST", path, body, new RequestBinding(key, socket)))
                .header(HttpNames.IDEMPOTENCY_KEY, key)
                .body(body)
                .post(path)
                .andReturn();
    }

    @Test
    void aRetriedFrameIsAnsweredOnce() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        byte[] ping = wallet.pack(TestWallet.message(PING));
        String key = IdempotencyKey.of(instance, "c1", 1);
        assertThat(frame("c1", 1, ping, key).statusCode()).isEqualTo(200);
        assertThat(frame("c1", 1, ping, key).statusCode()).isEqualTo(200);
        assertThat(wallet.unpack(relay.next("c1")).path("@type").asText()).isEqualTo(PING + "_response");
        assertThat(relay.poll("c1", 500))
                .as("the retry was not processed again")
                .isNull();

        // the next frame of the socket has its own key: processed
        String next = IdempotencyKey.of(instance, "c1", 2);
        assertThat(frame("c1", 2, wallet.pack(TestWallet.message(PING)), next).statusCode())
                .isEqualTo(200);
        assertThat(wallet.unpack(relay.next("c1")).path("@type").asText()).isEqualTo(PING + "_response");
    }

    @Test
    void aRetryWhileTheFirstAttemptIsInProgressWaitsThenGets503() {
        String key = "in-progress-" + UUID.randomUUID();
        RelayIdempotency.Claim claim = idempotency.claim("message", key);
        assertThat(claim).isInstanceOf(RelayIdempotency.Claim.First.class);
        Instant start = Instant.now();
        assertThat(idempotency.claim("message", key)).isEqualTo(new RelayIdempotency.Claim.Duplicate(503));
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        idempotency.finish((RelayIdempotency.Claim.First) claim, 200);
        assertThat(idempotency.claim("message", key)).isEqualTo(new RelayIdempotency.Claim.Duplicate(200));
        // other events have their own keys
        assertThat(idempotency.claim("disconnect", key)).isInstanceOf(RelayIdempotency.Claim.First.class);
    }

    @Test
    void aFirstAttemptWhoseInstanceDiedIsTakenOverAfterItsProcessingLease() {
        String key = "died-" + UUID.randomUUID();
        assertThat(idempotency.claim("message", key)).isInstanceOf(RelayIdempotency.Claim.First.class);
        // its instance is SIGKILLed: no finish ever comes; retries get 503 until the processing lease lapses
        assertThat(idempotency.claim("message", key)).isEqualTo(new RelayIdempotency.Claim.Duplicate(503));
        Instant start = Instant.now();
        RelayIdempotency.Claim taken = null;
        while (Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(10)) < 0) {
            taken = idempotency.claim("message", key);
            if (taken instanceof RelayIdempotency.Claim.First) {
                break;
            }
        }
        assertThat(taken).isInstanceOf(RelayIdempotency.Claim.First.class);
    }

    @Test
    void aRetriedFrameStillInProgressGets503OverHttp() {
        String key = IdempotencyKey.of(instance, "c4", 1);
        assertThat(idempotency.claim("message", key)).isInstanceOf(RelayIdempotency.Claim.First.class);
        assertThat(frame("c4", 1, new byte[] {'x'}, key).statusCode()).isEqualTo(503);
    }

    @Test
    void aFailedFirstAttemptIsProcessedAgainOnRetry() {
        String key = "failed-" + UUID.randomUUID();
        RelayIdempotency.Claim.First first = (RelayIdempotency.Claim.First) idempotency.claim("message", key);
        idempotency.finish(first, 503);
        assertThat(idempotency.claim("message", key)).isInstanceOf(RelayIdempotency.Claim.First.class);
    }

    @Test
    void anOverlongKeyIs400() {
        assertThat(frame("c3", 1, new byte[] {'x'}, "k".repeat(RelayIdempotency.MAX_KEY_LENGTH + 1))
                        .statusCode())
                .isEqualTo(400);
    }
}
