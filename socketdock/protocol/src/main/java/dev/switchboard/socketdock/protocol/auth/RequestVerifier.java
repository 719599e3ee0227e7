package dev.switchboard.socketdock.protocol.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.socketdock.protocol.HttpNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/**
 * Checks a request's {@code Authorization} header against the request (see the package
 * description). Thread-safe. Expected failures are {@link Verification} values, never exceptions.
 *
 * <p>Order of checks: header present and {@code Bearer}; compact JWS with {@code alg=HS256} and {@code typ=socketdock-request+jwt};
 * signature; {@code iat}/{@code exp} present, not expired (with clock skew), not issued in the
 * future, lifetime within the maximum; then {@code htm}, {@code htp}, {@code bh} equal to the
 * request's (the body hash compared in constant time).
 */
public final class RequestVerifier {
    /** Default allowed clock difference between signer and verifier: 5 seconds. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);

    /** Default longest token lifetime accepted ({@code exp - iat}): 5 minutes. */
    public static final Duration DEFAULT_MAX_TTL = Duration.ofMinutes(5);

    private final @Nullable MACVerifier verifier;
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxTtl;

    private RequestVerifier(@Nullable MACVerifier verifier, Clock clock, Duration clockSkew, Duration maxTtl) {
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew: " + clockSkew + " (expected: >= 0)");
        }
        if (maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException("maxTtl: " + maxTtl + " (expected: > 0)");
        }
        this.verifier = verifier;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.maxTtl = maxTtl;
    }

    /** An HS256 verifier with the default clock skew and maximum lifetime, on the system clock. */
    public static RequestVerifier hs256(SharedSecret secret) {
        return hs256(secret, Clock.systemUTC(), DEFAULT_CLOCK_SKEW, DEFAULT_MAX_TTL);
    }

    /** An HS256 verifier. @param clockSkew {@code >= 0} @param maxTtl {@code > 0} */
    public static RequestVerifier hs256(SharedSecret secret, Clock clock, Duration clockSkew, Duration maxTtl) {
        try {
            return new RequestVerifier(new MACVerifier(secret.key()), clock, clockSkew, maxTtl);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("secret: " + e.getMessage(), e);
        }
    }

    /** Admits every request with {@link Verification.Insecure}: only for the explicit opt-out. */
    public static RequestVerifier insecureAcceptAll() {
        return new RequestVerifier(null, Clock.systemUTC(), DEFAULT_CLOCK_SKEW, DEFAULT_MAX_TTL);
    }

    /** Whether this verifier checks tokens. */
    public boolean enabled() {
        return verifier != null;
    }

    /**
     * Verifies one request.
     *
     * @param authorization the {@code Authorization} header value, or null when absent
     * @param method the request method
     * @param path the request-target as received (path with query)
     * @param body the exact body bytes (empty when none)
     */
    public Verification verify(@Nullable String authorization, String method, String path, byte[] body) {
        if (verifier == null) {
            return new Verification.Insecure();
        }
        if (authorization == null
                || !authorization.regionMatches(
                        true, 0, HttpNames.BEARER_PREFIX, 0, HttpNames.BEARER_PREFIX.length())) {
            return new Verification.Missing();
        }
        String token = authorization.substring(HttpNames.BEARER_PREFIX.length()).trim();
        if (token.isEmpty()) {
            return new Verification.Missing();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Verification.Malformed("not a compact JWS");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return new Verification.Malformed("alg " + jwt.getHeader().getAlgorithm() + " (expected: HS256)");
        }
        if (!RequestSigner.TYPE.equals(jwt.getHeader().getType())) {
            return new Verification.Malformed("typ (expected: " + RequestSigner.TYPE + ")");
        }
        try {
            if (!jwt.verify(verifier)) {
                return new Verification.BadSignature();
            }
        } catch (JOSEException e) {
            return new Verification.BadSignature();
        }
        return checkClaims(claims, method, path, body);
    }

    private Verification checkClaims(JWTClaimsSet claims, String method, String path, byte[] body) {
        Date iat = claims.getIssueTime();
        Date exp = claims.getExpirationTime();
        Object htm = claims.getClaim(RequestClaims.METHOD);
        Object htp = claims.getClaim(RequestClaims.PATH);
        Object bh = claims.getClaim(RequestClaims.BODY_HASH);
        if (iat == null
                || exp == null
                || !(htm instanceof String)
                || !(htp instanceof String)
                || !(bh instanceof String)) {
            return new Verification.Malformed("required claims: iat, exp, htm, htp, bh");
        }
        Instant now = clock.instant();
        Instant expiresAt = exp.toInstant();
        Instant issuedAt = iat.toInstant();
        if (now.isAfter(expiresAt.plus(clockSkew))
                || issuedAt.isAfter(now.plus(clockSkew))
                || Duration.between(issuedAt, expiresAt).compareTo(maxTtl) > 0) {
            return new Verification.Expired(expiresAt);
        }
        if (!RequestClaims.method(method).equals(htm)) {
            return new Verification.Mismatch(RequestClaims.METHOD);
        }
        if (!path.equals(htp)) {
            return new Verification.Mismatch(RequestClaims.PATH);
        }
        byte[] expected = RequestClaims.bodyHash(body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, ((String) bh).getBytes(StandardCharsets.US_ASCII))) {
            return new Verification.Mismatch(RequestClaims.BODY_HASH);
        }
        String jti = claims.getJWTID();
        return new Verification.Valid(jti == null ? "" : jti, expiresAt);
    }
}
