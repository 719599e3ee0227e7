package dev.switchboard.socketdock.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** What {@link RequestSigner} puts in a token: header, bound claims, lifetime, uniqueness. */
class RequestSignerTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final SharedSecret SECRET = SharedSecret.ofUtf8(KEY);
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final byte[] BODY = "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

    private static RequestSigner signer(Duration ttl) {
        return RequestSigner.hs256(SECRET, Clock.fixed(T0, ZoneOffset.UTC), ttl);
    }

    private static SignedJWT parse(String authorization) throws Exception {
        assertThat(authorization).startsWith("Bearer ");
        return SignedJWT.parse(authorization.substring("Bearer ".length()));
    }

    @Test
    void headerIsHs256WithTheRequestTokenType() throws Exception {
        SignedJWT jwt = parse(signer(RequestSigner.DEFAULT_TTL).authorization("POST", "/p", BODY));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("socketdock-request+jwt");
        assertThat(jwt.verify(new MACVerifier(KEY.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
    }

    @Test
    void claimsBindUpperCasedMethodPathAndBodyHashForTheLifetime() throws Exception {
        JWTClaimsSet claims = parse(signer(Duration.ofSeconds(30)).authorization("post", "/socket/c1/send?x=1", BODY))
                .getJWTClaimsSet();
        assertThat(claims.getClaim(RequestClaims.METHOD)).isEqualTo("POST");
        assertThat(claims.getClaim(RequestClaims.PATH)).isEqualTo("/socket/c1/send?x=1");
        assertThat(claims.getClaim(RequestClaims.BODY_HASH)).isEqualTo(RequestClaims.bodyHash(BODY));
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(T0));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(T0.plusSeconds(30)));
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        RequestSigner signer = signer(RequestSigner.DEFAULT_TTL);
        String a = parse(signer.authorization("POST", "/p", BODY))
                .getJWTClaimsSet()
                .getJWTID();
        String b = parse(signer.authorization("POST", "/p", BODY))
                .getJWTClaimsSet()
                .getJWTID();
        assertThat(a).isNotBlank();
        assertThat(b).isNotBlank().isNotEqualTo(a);
    }

    @Test
    void aUriTargetBindsItsRawPathAndQueryNotItsHost() throws Exception {
        RequestSigner signer = signer(RequestSigner.DEFAULT_TTL);
        assertThat(parse(signer.authorization("POST", URI.create("http://a:1/x%20y?q=%2F"), BODY))
                        .getJWTClaimsSet()
                        .getClaim(RequestClaims.PATH))
                .isEqualTo("/x%20y?q=%2F");
        assertThat(parse(signer.authorization("POST", URI.create("http://b:2"), BODY))
                        .getJWTClaimsSet()
                        .getClaim(RequestClaims.PATH))
                .isEqualTo("/");
    }

    @Test
    void aTokenSignedForOneRequestVerifiesOnlyForThatRequest() {
        String auth = signer(RequestSigner.DEFAULT_TTL).authorization("POST", "/socket/c1/send", BODY);
        RequestVerifier verifier = RequestVerifier.hs256(
                SECRET, Clock.fixed(T0, ZoneOffset.UTC), Duration.ZERO, RequestVerifier.DEFAULT_MAX_TTL);
        assertThat(verifier.verify(auth, "POST", "/socket/c1/send", BODY).ok()).isTrue();
        assertThat(verifier.verify(auth, "POST", "/socket/c1/send", new byte[0]))
                .isEqualTo(new Verification.Mismatch(RequestClaims.BODY_HASH));
    }

    @Test
    void nonPositiveLifetimesAreRefused() {
        assertThatThrownBy(() -> signer(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl: PT0S (expected: > 0)");
        assertThatThrownBy(() -> signer(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enabledOnlyWithAKey() {
        assertThat(signer(RequestSigner.DEFAULT_TTL).enabled()).isTrue();
        assertThat(RequestSigner.none().enabled()).isFalse();
        assertThat(RequestSigner.none().authorization("POST", URI.create("http://a/p"), BODY))
                .isNull();
    }
}
