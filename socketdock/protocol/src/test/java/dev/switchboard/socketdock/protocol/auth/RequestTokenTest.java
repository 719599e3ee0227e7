package dev.switchboard.socketdock.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RequestTokenTest {
    private static final SharedSecret SECRET = SharedSecret.ofUtf8("0123456789abcdef0123456789abcdef");
    private static final Instant T0 = Instant.parse("2026-11-21T20:00:00Z");
    private static final byte[] BODY = "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/socket/c1/send";

    private static RequestSigner signerAt(Instant t) {
        return RequestSigner.hs256(SECRET, Clock.fixed(t, ZoneOffset.UTC), RequestSigner.DEFAULT_TTL);
    }

    private static RequestVerifier verifierAt(Instant t) {
        return RequestVerifier.hs256(
                SECRET,
                Clock.fixed(t, ZoneOffset.UTC),
                RequestVerifier.DEFAULT_CLOCK_SKEW,
                RequestVerifier.DEFAULT_MAX_TTL);
    }

    private static String sign() {
        return signerAt(T0).authorization("post", PATH, BODY);
    }

    @Test
    void validTokenForTheSameRequestIsAccepted() {
        Verification v = verifierAt(T0.plusSeconds(30)).verify(sign(), "POST", PATH, BODY);
        assertThat(v).isInstanceOf(Verification.Valid.class);
        assertThat(v.ok()).isTrue();
        assertThat(((Verification.Valid) v).expiresAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(((Verification.Valid) v).tokenId()).isNotEmpty();
    }

    @Test
    void signerBindsThePathAndQueryOfATargetUri() {
        String auth = signerAt(T0).authorization("POST", URI.create("http://m:8080/socketdock/message?x=1"), BODY);
        assertThat(verifierAt(T0)
                        .verify(auth, "POST", "/socketdock/message?x=1", BODY)
                        .ok())
                .isTrue();
        assertThat(verifierAt(T0).verify(auth, "POST", "/socketdock/message", BODY))
                .isEqualTo(new Verification.Mismatch("htp"));
    }

    @Test
    void missingHeaderOrSchemeIsMissing() {
        RequestVerifier verifier = verifierAt(T0);
        assertThat(verifier.verify(null, "POST", PATH, BODY)).isInstanceOf(Verification.Missing.class);
        assertThat(verifier.verify("Basic abc", "POST", PATH, BODY)).isInstanceOf(Verification.Missing.class);
        assertThat(verifier.verify("Bearer ", "POST", PATH, BODY)).isInstanceOf(Verification.Missing.class);
        assertThat(verifier.verify("Bearer x.y", "POST", PATH, BODY)).isInstanceOf(Verification.Malformed.class);
    }

    @Test
    void expiredAndFutureTokensAreExpired() {
        assertThat(verifierAt(T0.plusSeconds(66)).verify(sign(), "POST", PATH, BODY))
                .isInstanceOf(Verification.Expired.class);
        assertThat(verifierAt(T0.minusSeconds(30)).verify(sign(), "POST", PATH, BODY))
                .isInstanceOf(Verification.Expired.class);
        // within the 5 s skew on both sides
        assertThat(verifierAt(T0.plusSeconds(64))
                        .verify(sign(), "POST", PATH, BODY)
                        .ok())
                .isTrue();
    }

    @Test
    void tokensLivingLongerThanTheMaximumAreRefused() {
        String longLived = RequestSigner.hs256(SECRET, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofHours(1))
                .authorization("POST", PATH, BODY);
        assertThat(verifierAt(T0).verify(longLived, "POST", PATH, BODY)).isInstanceOf(Verification.Expired.class);
    }

    @Test
    void wrongMethodPathOrBodyIsAMismatch() {
        RequestVerifier verifier = verifierAt(T0);
        assertThat(verifier.verify(sign(), "PUT", PATH, BODY)).isEqualTo(new Verification.Mismatch("htm"));
        assertThat(verifier.verify(sign(), "POST", "/socket/c2/send", BODY))
                .isEqualTo(new Verification.Mismatch("htp"));
        assertThat(verifier.verify(sign(), "POST", PATH, "{\"message\":\"ho\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Verification.Mismatch("bh"));
    }

    @Test
    void tamperedPayloadOrSignatureOrOtherKeyIsABadSignature() {
        String token = sign().substring("Bearer ".length());
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        payload.replace("/socket/c1/send", "/socket/c2/send").getBytes(StandardCharsets.UTF_8));
        RequestVerifier verifier = verifierAt(T0);
        assertThat(verifier.verify(
                        "Bearer " + parts[0] + "." + forged + "." + parts[2], "POST", "/socket/c2/send", BODY))
                .isInstanceOf(Verification.BadSignature.class);
        char last = parts[2].charAt(0);
        String badSig = (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(verifier.verify("Bearer " + parts[0] + "." + parts[1] + "." + badSig, "POST", PATH, BODY))
                .isInstanceOf(Verification.BadSignature.class);
        String otherKey = RequestSigner.hs256(
                        SharedSecret.ofUtf8("another-secret-another-secret-123"),
                        Clock.fixed(T0, ZoneOffset.UTC),
                        RequestSigner.DEFAULT_TTL)
                .authorization("POST", PATH, BODY);
        assertThat(verifier.verify(otherKey, "POST", PATH, BODY)).isInstanceOf(Verification.BadSignature.class);
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String token = sign().substring("Bearer ".length());
        String payload = token.split("\\.")[1];
        assertThat(verifierAt(T0)
                        .verify("Bearer " + header + "." + payload + ".", "POST", PATH, BODY)
                        .ok())
                .isFalse();
    }

    @Test
    void insecureModeAdmitsEverythingAndSignsNothing() {
        assertThat(RequestVerifier.insecureAcceptAll().verify(null, "POST", PATH, BODY))
                .isInstanceOf(Verification.Insecure.class)
                .matches(Verification::ok);
        assertThat(RequestSigner.none().authorization("POST", PATH, BODY)).isNull();
        assertThat(RequestSigner.none().enabled()).isFalse();
    }

    @Test
    void shortSecretsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> SharedSecret.ofUtf8("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret: 5 bytes (expected: >= 32 bytes for HS256)");
        assertThat(SECRET.toString()).doesNotContain("0123");
    }
}
