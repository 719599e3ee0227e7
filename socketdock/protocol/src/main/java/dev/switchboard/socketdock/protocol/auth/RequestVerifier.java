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
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks a request's {@code Authorization} header against the request (see the package description). Thread-safe.
 * Expected failures are {@link Verification} values, never exceptions.
 *
 * <p>Order of checks: header present and {@code Bearer}; compact JWS with {@code alg=HS256} and {@code
 * typ=socketdock-request+jwt}; the key: the secret of the token's {@code kid} (RFC 7515 section 4.1.4), or the
 * shared secret when it has none ({@link Verification.UnknownKey} otherwise); signature; {@code iat}/{@code
 * exp}/{@code jti} present, not expired (with clock skew), not issued in the future, lifetime within the
 * maximum; then {@code htm}, {@code htp}, {@code bh} (constant time), {@code idempotency_key} and {@code
 * connection_id} equal to the request's; last, the {@code jti} not seen before ({@link ReplayCache}), so only
 * tokens that passed everything else are remembered.
 */
public final class RequestVerifier {
    /** Default allowed clock difference between signer and verifier: 5 seconds. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);

    /** Default longest token lifetime accepted ({@code exp - iat}): 5 minutes. */
    public static final Duration DEFAULT_MAX_TTL = Duration.ofMinutes(5);

    private final boolean enabled;
    private final @Nullable MACVerifier shared;
    private final Map<String, MACVerifier> byKeyId;
    private final @Nullable ReplayCache replays;
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxTtl;

    private RequestVerifier(Builder b) {
        this.enabled = true;
        this.shared = b.shared == null ? null : macVerifier(b.shared);
        Map<String, MACVerifier> keys = new HashMap<>();
        b.byKeyId.forEach((kid, secret) -> keys.put(kid, macVerifier(secret)));
        this.byKeyId = Map.copyOf(keys);
        this.replays = b.replays;
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.maxTtl = b.maxTtl;
    }

    private RequestVerifier() {
        this.enabled = false;
        this.shared = null;
        this.byKeyId = Map.of();
        this.replays = null;
        this.clock = Clock.systemUTC();
        this.clockSkew = DEFAULT_CLOCK_SKEW;
        this.maxTtl = DEFAULT_MAX_TTL;
    }

    private static MACVerifier macVerifier(SharedSecret secret) {
        try {
            return new MACVerifier(secret.key());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("secret: " + e.getMessage(), e);
        }
    }

    /**
     * An HS256 verifier of the shared secret with the default clock skew, maximum lifetime and a {@link
     * ReplayCache} of the default bound, on the system clock.
     */
    public static RequestVerifier hs256(SharedSecret secret) {
        return builder().sharedSecret(secret).replayCache(ReplayCache.create()).build();
    }

    /**
     * An HS256 verifier of the shared secret with a replay cache of the default bound on {@code clock}.
     *
     * @param clockSkew {@code >= 0}
     * @param maxTtl {@code > 0}
     */
    public static RequestVerifier hs256(SharedSecret secret, Clock clock, Duration clockSkew, Duration maxTtl) {
        return builder()
                .sharedSecret(secret)
                .clock(clock)
                .clockSkew(clockSkew)
                .maxTtl(maxTtl)
                .replayCache(ReplayCache.create(ReplayCache.DEFAULT_MAX_ENTRIES, clock))
                .build();
    }

    /** A builder: secrets, clock, skew, lifetime and replay cache. */
    public static Builder builder() {
        return new Builder();
    }

    /** Admits every request with {@link Verification.Insecure}: only for the explicit opt-out. */
    public static RequestVerifier insecureAcceptAll() {
        return new RequestVerifier();
    }

    /** Whether this verifier checks tokens. */
    public boolean enabled() {
        return enabled;
    }

    /** The replay cache, or null when this verifier has none (for its metrics). */
    public @Nullable ReplayCache replayCache() {
        return replays;
    }

    /**
     * Verifies one request that binds no idempotency key and names its connection in no claim.
     *
     * @see #verify(String, String, String, byte[], RequestBinding)
     */
    public Verification verify(@Nullable String authorization, String method, String path, byte[] body) {
        return verify(authorization, method, path, body, RequestBinding.NONE);
    }

    /**
     * Verifies one request.
     *
     * @param authorization the {@code Authorization} header value, or null when absent
     * @param method the request method
     * @param path the request-target as received (path with query)
     * @param body the exact body bytes (empty when none)
     * @param request the request's {@code Idempotency-Key} header (null when absent: then the token must bind
     *     none) and the connection id the receiver knows (null: not compared here, see {@link
     *     Verification.Valid#connectionId()})
     */
    public Verification verify(
            @Nullable String authorization, String method, String path, byte[] body, RequestBinding request) {
        if (!enabled) {
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
        String keyId = jwt.getHeader().getKeyID();
        MACVerifier verifier = keyId == null ? shared : byKeyId.get(keyId);
        if (verifier == null) {
            return new Verification.UnknownKey(keyId);
        }
        try {
            if (!jwt.verify(verifier)) {
                return new Verification.BadSignature();
            }
        } catch (JOSEException e) {
            return new Verification.BadSignature();
        }
        return checkClaims(claims, keyId, method, path, body, request);
    }

    private Verification checkClaims(
            JWTClaimsSet claims,
            @Nullable String keyId,
            String method,
            String path,
            byte[] body,
            RequestBinding request) {
        Date iat = claims.getIssueTime();
        Date exp = claims.getExpirationTime();
        String jti = claims.getJWTID();
        Object htm = claims.getClaim(RequestClaims.METHOD);
        Object htp = claims.getClaim(RequestClaims.PATH);
        Object bh = claims.getClaim(RequestClaims.BODY_HASH);
        Object idempotencyKey = claims.getClaim(RequestClaims.IDEMPOTENCY_KEY);
        Object connectionId = claims.getClaim(RequestClaims.CONNECTION_ID);
        if (iat == null
                || exp == null
                || jti == null
                || jti.isEmpty()
                || !(htm instanceof String)
                || !(htp instanceof String)
                || !(bh instanceof String)
                || (idempotencyKey != null && !(idempotencyKey instanceof String))
                || (connectionId != null && !(connectionId instanceof String))) {
            return new Verification.Malformed("required claims: iat, exp, jti, htm, htp, bh");
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
        if (!Objects.equals(request.idempotencyKey(), idempotencyKey)) {
            return new Verification.Mismatch(RequestClaims.IDEMPOTENCY_KEY);
        }
        if (request.connectionId() != null && !request.connectionId().equals(connectionId)) {
            return new Verification.Mismatch(RequestClaims.CONNECTION_ID);
        }
        if (replays != null && !replays.firstUse(jti, expiresAt.plus(clockSkew))) {
            return new Verification.Replayed(jti);
        }
        return new Verification.Valid(jti, expiresAt, keyId, (String) connectionId);
    }

    /**
     * Builds a verifier. At least one secret is required. Defaults: clock skew {@link #DEFAULT_CLOCK_SKEW},
     * maximum lifetime {@link #DEFAULT_MAX_TTL}, the system clock, no replay cache (set one: without it a
     * captured token replays for its whole lifetime).
     */
    public static final class Builder {
        private @Nullable SharedSecret shared;
        private final Map<String, SharedSecret> byKeyId = new HashMap<>();
        private @Nullable ReplayCache replays;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Duration maxTtl = DEFAULT_MAX_TTL;

        private Builder() {}

        /** The shared secret, for tokens without {@code kid}. */
        public Builder sharedSecret(@Nullable SharedSecret secret) {
            this.shared = secret;
            return this;
        }

        /** One relay's own secret, for tokens whose {@code kid} is {@code keyId}; remove it to revoke that relay. */
        public Builder keyId(String keyId, SharedSecret secret) {
            if (keyId.isEmpty()) {
                throw new IllegalArgumentException("keyId: empty (expected: non-empty)");
            }
            byKeyId.put(keyId, secret);
            return this;
        }

        /** The cache of used {@code jti}s; null for none. */
        public Builder replayCache(@Nullable ReplayCache cache) {
            this.replays = cache;
            return this;
        }

        /** The clock tokens are checked on. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param clockSkew {@code >= 0} */
        public Builder clockSkew(Duration clockSkew) {
            if (clockSkew.isNegative()) {
                throw new IllegalArgumentException("clockSkew: " + clockSkew + " (expected: >= 0)");
            }
            this.clockSkew = clockSkew;
            return this;
        }

        /** @param maxTtl {@code > 0} */
        public Builder maxTtl(Duration maxTtl) {
            if (maxTtl.isNegative() || maxTtl.isZero()) {
                throw new IllegalArgumentException("maxTtl: " + maxTtl + " (expected: > 0)");
            }
            this.maxTtl = maxTtl;
            return this;
        }

        /** The verifier. @throws IllegalArgumentException when no secret was given */
        public RequestVerifier build() {
            if (shared == null && byKeyId.isEmpty()) {
                throw new IllegalArgumentException("secrets: none (expected: a shared secret or a kid)");
            }
            return new RequestVerifier(this);
        }
    }
}
