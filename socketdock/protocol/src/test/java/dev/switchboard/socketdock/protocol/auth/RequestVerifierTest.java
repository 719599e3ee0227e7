package dev.switchboard.socketdock.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestVerifier} against tokens tampered in each part, expired at each bound, for another
 * path or body, and hand-built tokens missing or mistyping claims.
 */
class RequestVerifierTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final SharedSecret SECRET = SharedSecret.ofBytes(KEY);
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final byte[] BODY = "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/socket/c1/send";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private static RequestVerifier verifierAt(Instant now) {
        return RequestVerifier.hs256(
                SECRET, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    private static String sign() {
        return RequestSigner.hs256(SECRET, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(60))
                .authorization("POST", PATH, BODY);
    }

    /** A token signed with the right key from hand-built header and claims. */
    private static String handSigned(JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(KEY));
        return "Bearer " + jwt.serialize();
    }

    private static JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(RequestSigner.TYPE)
                .build();
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .claim(RequestClaims.METHOD, "POST")
                .claim(RequestClaims.PATH, PATH)
                .claim(RequestClaims.BODY_HASH, RequestClaims.bodyHash(BODY))
                .issueTime(Date.from(T0))
                .expirationTime(Date.from(T0.plusSeconds(60)))
                .jwtID(java.util.UUID.randomUUID().toString());
    }

    /** Re-encodes the JSON of one part (0 header, 1 payload) of a signed token, keeping the signature. */
    private static String tamper(String authorization, int part, UnaryOperator<String> edit) {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        String json = new String(UNB64.decode(parts[part]), StandardCharsets.UTF_8);
        String edited = edit.apply(json);
        assertThat(edited).as("the edit changed the token").isNotEqualTo(json);
        parts[part] = B64.encodeToString(edited.getBytes(StandardCharsets.UTF_8));
        return "Bearer " + String.join(".", parts);
    }

    @Test
    void tamperedClaimsKeepingTheSignatureAreABadSignature() {
        RequestVerifier verifier = verifierAt(T0);
        String later = Long.toString(T0.plusSeconds(3600).getEpochSecond());
        String extended = tamper(sign(), 1, json -> json.replaceAll("\"exp\":\\d+", "\"exp\":" + later));
        assertThat(verifier.verify(extended, "POST", PATH, BODY)).isEqualTo(new Verification.BadSignature());
        byte[] other = "{\"message\":\"evil\"}".getBytes(StandardCharsets.UTF_8);
        String rebodied =
                tamper(sign(), 1, json -> json.replace(RequestClaims.bodyHash(BODY), RequestClaims.bodyHash(other)));
        assertThat(verifier.verify(rebodied, "POST", PATH, other)).isEqualTo(new Verification.BadSignature());
        String remethod = tamper(sign(), 1, json -> json.replace("\"POST\"", "\"PUT\""));
        assertThat(verifier.verify(remethod, "PUT", PATH, BODY)).isEqualTo(new Verification.BadSignature());
    }

    @Test
    void tamperedHeaderIsRefusedBeforeTheSignatureIsTrusted() {
        RequestVerifier verifier = verifierAt(T0);
        String hs512 = tamper(sign(), 0, json -> json.replace("HS256", "HS512"));
        assertThat(verifier.verify(hs512, "POST", PATH, BODY))
                .isEqualTo(new Verification.Malformed("alg HS512 (expected: HS256)"));
        String untyped = tamper(sign(), 0, json -> json.replace("socketdock-request+jwt", "JWT"));
        assertThat(verifier.verify(untyped, "POST", PATH, BODY))
                .isEqualTo(new Verification.Malformed("typ (expected: socketdock-request+jwt)"));
        String kid = tamper(sign(), 0, json -> json.replace("{", "{\"kid\":\"x\","));
        // a kid the verifier has no secret for (issue 13: per-relay secrets) is refused before the signature
        assertThat(verifier.verify(kid, "POST", PATH, BODY)).isEqualTo(new Verification.UnknownKey("x"));
    }

    @Test
    void truncatedOrGarbledTokensAreMalformedOrBadSignature() {
        RequestVerifier verifier = verifierAt(T0);
        String token = sign();
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        assertThat(verifier.verify(unsigned, "POST", PATH, BODY).ok()).isFalse();
        assertThat(verifier.verify("Bearer a.b.c", "POST", PATH, BODY)).isInstanceOf(Verification.Malformed.class);
        assertThat(verifier.verify("Bearer !!!", "POST", PATH, BODY)).isInstanceOf(Verification.Malformed.class);
        assertThat(verifier.verify(token + "x", "POST", PATH, BODY).ok()).isFalse();
    }

    @Test
    void expiryHoldsExactlyAtTheSkewBoundOnBothSides() {
        // exp = T0+60, skew 5 s: valid through T0+65, expired a moment after
        assertThat(verifierAt(T0.plusSeconds(65))
                        .verify(sign(), "POST", PATH, BODY)
                        .ok())
                .isTrue();
        assertThat(verifierAt(T0.plusSeconds(65).plusMillis(1)).verify(sign(), "POST", PATH, BODY))
                .isEqualTo(new Verification.Expired(T0.plusSeconds(60)));
        // iat = T0: acceptable from T0-5 on, "not yet valid" before
        assertThat(verifierAt(T0.minusSeconds(5))
                        .verify(sign(), "POST", PATH, BODY)
                        .ok())
                .isTrue();
        assertThat(verifierAt(T0.minusSeconds(5).minusMillis(1)).verify(sign(), "POST", PATH, BODY))
                .isInstanceOf(Verification.Expired.class);
    }

    @Test
    void lifetimeExactlyAtTheMaximumIsAcceptedOneSecondMoreIsNot() throws Exception {
        RequestVerifier verifier = verifierAt(T0);
        String atMax = handSigned(
                header(),
                claims().expirationTime(Date.from(T0.plus(Duration.ofMinutes(5))))
                        .build());
        assertThat(verifier.verify(atMax, "POST", PATH, BODY).ok()).isTrue();
        String over = handSigned(
                header(),
                claims().expirationTime(Date.from(T0.plusSeconds(301))).build());
        assertThat(verifier.verify(over, "POST", PATH, BODY)).isInstanceOf(Verification.Expired.class);
    }

    @Test
    void wrongPathIncludingQueryCaseAndTrailingSlashIsAMismatch() {
        RequestVerifier verifier = verifierAt(T0);
        Verification htp = new Verification.Mismatch(RequestClaims.PATH);
        assertThat(verifier.verify(sign(), "POST", PATH + "?x=1", BODY)).isEqualTo(htp);
        assertThat(verifier.verify(sign(), "POST", PATH + "/", BODY)).isEqualTo(htp);
        assertThat(verifier.verify(sign(), "POST", "/SOCKET/c1/send", BODY)).isEqualTo(htp);
        assertThat(verifier.verify(sign(), "POST", "/socket/c1/disconnect", BODY))
                .isEqualTo(htp);
    }

    @Test
    void wrongBodyByOneByteOrEmptyIsAMismatchAndTheMethodComparesCaseInsensitively() {
        RequestVerifier verifier = verifierAt(T0);
        Verification bh = new Verification.Mismatch(RequestClaims.BODY_HASH);
        byte[] flipped = BODY.clone();
        flipped[flipped.length - 2] ^= 1;
        assertThat(verifier.verify(sign(), "POST", PATH, flipped)).isEqualTo(bh);
        assertThat(verifier.verify(sign(), "POST", PATH, new byte[0])).isEqualTo(bh);
        assertThat(verifier.verify(sign(), "post", PATH, BODY).ok()).isTrue();
        assertThat(verifier.verify(sign(), "GET", PATH, BODY)).isEqualTo(new Verification.Mismatch("htm"));
    }

    @Test
    void missingOrMistypedClaimsAreMalformedEvenWhenSigned() throws Exception {
        RequestVerifier verifier = verifierAt(T0);
        Verification malformed = new Verification.Malformed("required claims: iat, exp, jti, htm, htp, bh");
        assertThat(verifier.verify(
                        handSigned(
                                header(),
                                claims().claim(RequestClaims.BODY_HASH, null).build()),
                        "POST",
                        PATH,
                        BODY))
                .isEqualTo(malformed);
        assertThat(verifier.verify(handSigned(header(), claims().issueTime(null).build()), "POST", PATH, BODY))
                .isEqualTo(malformed);
        assertThat(verifier.verify(
                        handSigned(header(), claims().expirationTime(null).build()), "POST", PATH, BODY))
                .isEqualTo(malformed);
        assertThat(verifier.verify(
                        handSigned(
                                header(),
                                claims().claim(RequestClaims.METHOD, 1).build()),
                        "POST",
                        PATH,
                        BODY))
                .isEqualTo(malformed);
        assertThat(verifier.verify(
                        handSigned(
                                header(),
                                claims().claim(RequestClaims.PATH, null).build()),
                        "POST",
                        PATH,
                        BODY))
                .isEqualTo(malformed);
    }

    @Test
    void aHandSignedTokenWithoutIdIsMalformed() throws Exception {
        // the jti is required since the replay cache (issue 13): a token without one could replay
        Verification v =
                verifierAt(T0).verify(handSigned(header(), claims().jwtID(null).build()), "POST", PATH, BODY);
        assertThat(v).isInstanceOf(Verification.Malformed.class);
    }

    @Test
    void theBearerSchemeIsCaseInsensitiveAndSurroundingSpaceIsIgnored() {
        String token = sign().substring("Bearer ".length());
        RequestVerifier verifier = verifierAt(T0);
        assertThat(verifier.verify("bearer " + token, "POST", PATH, BODY).ok()).isTrue();
        // a fresh verifier: the same token twice to one verifier is a replay
        assertThat(verifierAt(T0)
                        .verify("BEARER   " + token + "  ", "POST", PATH, BODY)
                        .ok())
                .isTrue();
        assertThat(verifier.verify(token, "POST", PATH, BODY)).isEqualTo(new Verification.Missing());
    }

    @Test
    void badConfigurationIsRefusedAtConstruction() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        assertThatThrownBy(() -> RequestVerifier.hs256(SECRET, clock, Duration.ofSeconds(-1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clockSkew: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> RequestVerifier.hs256(SECRET, clock, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTtl: PT0S (expected: > 0)");
        assertThat(RequestVerifier.hs256(SECRET).enabled()).isTrue();
        assertThat(RequestVerifier.insecureAcceptAll().enabled()).isFalse();
    }

    @Test
    void aTokenTypedDifferentlyButOtherwiseRightIsMalformed() throws Exception {
        String jwtTyped = handSigned(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims().build());
        assertThat(verifierAt(T0).verify(jwtTyped, "POST", PATH, BODY)).isInstanceOf(Verification.Malformed.class);
    }
}
