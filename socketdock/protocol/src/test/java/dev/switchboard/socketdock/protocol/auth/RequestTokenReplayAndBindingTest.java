package dev.switchboard.socketdock.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The claims added against replay and pre-claiming (issue 13): jti cache, idempotency key, connection id, kid. */
class RequestTokenReplayAndBindingTest {
    private static final SharedSecret SHARED = SharedSecret.ofUtf8("0123456789abcdef0123456789abcdef");
    private static final SharedSecret RELAY_A = SharedSecret.ofUtf8("relay-a-secret-relay-a-secret-123");
    private static final SharedSecret RELAY_B = SharedSecret.ofUtf8("relay-b-secret-relay-b-secret-123");
    private static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");
    private static final byte[] BODY = "{\"meta\":{\"connection_id\":\"c1\"}}".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/socketdock/message";
    private static final RequestBinding FRAME_1 = new RequestBinding("r1:c1:1", "c1");

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(T0);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private static RequestSigner signer(SharedSecret secret, String kid) {
        return RequestSigner.hs256(secret, kid, Clock.fixed(T0, ZoneOffset.UTC), RequestSigner.DEFAULT_TTL);
    }

    private static RequestVerifier verifier(Clock clock) {
        return RequestVerifier.builder()
                .sharedSecret(SHARED)
                .keyId("relay-a", RELAY_A)
                .clock(clock)
                .replayCache(ReplayCache.create(1_000, clock))
                .build();
    }

    @Test
    void aTokenIsAcceptedOnceThenRefusedAsReplayed() {
        RequestVerifier verifier = verifier(Clock.fixed(T0, ZoneOffset.UTC));
        String token = signer(SHARED, null).authorization("POST", PATH, BODY, FRAME_1);
        Verification first = verifier.verify(token, "POST", PATH, BODY, FRAME_1);
        assertThat(first).isInstanceOf(Verification.Valid.class);
        Verification replay = verifier.verify(token, "POST", PATH, BODY, FRAME_1);
        assertThat(replay).isInstanceOf(Verification.Replayed.class);
        assertThat(replay.ok()).isFalse();
        assertThat(verifier.replayCache().replays()).isEqualTo(1);
        // a fresh token for the same request (a relay's retry re-signs) is accepted
        assertThat(verifier.verify(
                                signer(SHARED, null).authorization("POST", PATH, BODY, FRAME_1),
                                "POST",
                                PATH,
                                BODY,
                                FRAME_1)
                        .ok())
                .isTrue();
    }

    @Test
    void aRefusedTokenDoesNotUseUpItsId() {
        RequestVerifier verifier = verifier(Clock.fixed(T0, ZoneOffset.UTC));
        String token = signer(SHARED, null).authorization("POST", PATH, BODY, FRAME_1);
        assertThat(verifier.verify(token, "POST", "/socketdock/connect", BODY, FRAME_1))
                .isEqualTo(new Verification.Mismatch("htp"));
        assertThat(verifier.verify(token, "POST", PATH, BODY, FRAME_1).ok()).isTrue();
        assertThat(verifier.replayCache().size()).isEqualTo(1);
    }

    @Test
    void usedIdsAreForgottenOnceTheirTokenExpiredAndAnExpiredReplayIsStillRefused() {
        MovableClock clock = new MovableClock();
        RequestVerifier verifier = verifier(clock);
        String token = signer(SHARED, null).authorization("POST", PATH, BODY, FRAME_1);
        assertThat(verifier.verify(token, "POST", PATH, BODY, FRAME_1).ok()).isTrue();
        clock.now.set(T0.plusSeconds(66)); // past exp (60 s) + skew (5 s)
        assertThat(verifier.verify(token, "POST", PATH, BODY, FRAME_1)).isInstanceOf(Verification.Expired.class);
    }

    @Test
    void theCacheIsBounded() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        ReplayCache cache = ReplayCache.create(100, clock);
        for (int i = 0; i < 10_000; i++) {
            cache.firstUse("jti-" + i, T0.plusSeconds(65));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
        assertThatThrownBy(() -> ReplayCache.create(0, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEntries: 0 (expected: > 0)");
    }

    @Test
    void theIdempotencyKeyIsBoundSoACapturedTokenCannotClaimAnotherKey() {
        RequestVerifier verifier = verifier(Clock.fixed(T0, ZoneOffset.UTC));
        String token = signer(SHARED, null).authorization("POST", PATH, BODY, FRAME_1);
        assertThat(verifier.verify(token, "POST", PATH, BODY, new RequestBinding("r1:c1:2", "c1")))
                .isEqualTo(new Verification.Mismatch("idempotency_key"));
        assertThat(verifier.verify(token, "POST", PATH, BODY, new RequestBinding(null, "c1")))
                .isEqualTo(new Verification.Mismatch("idempotency_key"));
        String unbound = signer(SHARED, null).authorization("POST", PATH, BODY);
        assertThat(verifier.verify(unbound, "POST", PATH, BODY, FRAME_1))
                .as("a token without the claim on a request with the header")
                .isEqualTo(new Verification.Mismatch("idempotency_key"));
    }

    @Test
    void theConnectionIdIsBoundAndReportedWhenTheVerifierCannotKnowIt() {
        RequestVerifier verifier = verifier(Clock.fixed(T0, ZoneOffset.UTC));
        URI send = URI.create("http://10.0.0.7:8766/socket/c1/send");
        assertThat(RequestBinding.ofCallback(send)).isEqualTo(RequestBinding.connection("c1"));
        assertThat(RequestBinding.ofCallback(URI.create("http://m/socketdock/message")))
                .isEqualTo(RequestBinding.NONE);
        String callback = signer(SHARED, null).authorization("POST", send, BODY, RequestBinding.ofCallback(send));
        assertThat(verifier.verify(callback, "POST", "/socket/c1/send", BODY, RequestBinding.connection("c2")))
                .isEqualTo(new Verification.Mismatch("connection_id"));
        String post = signer(SHARED, null).authorization("POST", PATH, BODY, FRAME_1);
        Verification v = verifier.verify(post, "POST", PATH, BODY, new RequestBinding("r1:c1:1", null));
        assertThat(v).isInstanceOf(Verification.Valid.class);
        assertThat(((Verification.Valid) v).connectionId()).isEqualTo("c1");
        assertThat(((Verification.Valid) v).keyId()).isNull();
    }

    @Test
    void aRelaysOwnSecretIsSelectedByKidAndUnknownOrRevokedKidsAreRefused() {
        RequestVerifier verifier = verifier(Clock.fixed(T0, ZoneOffset.UTC));
        Verification a = verifier.verify(
                signer(RELAY_A, "relay-a").authorization("POST", PATH, BODY, FRAME_1), "POST", PATH, BODY, FRAME_1);
        assertThat(a).isInstanceOf(Verification.Valid.class);
        assertThat(((Verification.Valid) a).keyId()).isEqualTo("relay-a");
        // relay B's kid is not (or no longer) configured: refused before its signature is looked at
        assertThat(verifier.verify(
                        signer(RELAY_B, "relay-b").authorization("POST", PATH, BODY, FRAME_1),
                        "POST",
                        PATH,
                        BODY,
                        FRAME_1))
                .isEqualTo(new Verification.UnknownKey("relay-b"));
        // a known kid with another secret (relay B claiming to be A)
        assertThat(verifier.verify(
                        signer(RELAY_B, "relay-a").authorization("POST", PATH, BODY, FRAME_1),
                        "POST",
                        PATH,
                        BODY,
                        FRAME_1))
                .isInstanceOf(Verification.BadSignature.class);
        // relay A's secret without its kid is tried against the shared secret: refused
        assertThat(verifier.verify(
                        signer(RELAY_A, null).authorization("POST", PATH, BODY, FRAME_1), "POST", PATH, BODY, FRAME_1))
                .isInstanceOf(Verification.BadSignature.class);
        // a verifier with per-relay secrets only refuses tokens without kid
        RequestVerifier kidsOnly = RequestVerifier.builder()
                .keyId("relay-a", RELAY_A)
                .clock(Clock.fixed(T0, ZoneOffset.UTC))
                .build();
        assertThat(kidsOnly.verify(
                        signer(SHARED, null).authorization("POST", PATH, BODY, FRAME_1), "POST", PATH, BODY, FRAME_1))
                .isEqualTo(new Verification.UnknownKey(null));
        assertThatThrownBy(() -> RequestVerifier.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secrets: none (expected: a shared secret or a kid)");
    }
}
