package dev.switchboard.socketdock.protocol.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.socketdock.protocol.HttpNames;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@code Authorization} header value for one request (see the package description for
 * the claims). Thread-safe.
 */
public final class RequestSigner {
    /** Default token lifetime: 60 seconds. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    /** The JWT {@code typ} header of request tokens. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("socketdock-request+jwt");

    private final @Nullable MACSigner signer;
    private final @Nullable String keyId;
    private final Clock clock;
    private final Duration ttl;

    private RequestSigner(@Nullable MACSigner signer, @Nullable String keyId, Clock clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
        }
        if (keyId != null && keyId.isEmpty()) {
            throw new IllegalArgumentException("keyId: empty (expected: null or non-empty)");
        }
        this.signer = signer;
        this.keyId = keyId;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** An HS256 signer of the shared secret (no {@code kid}) with the default lifetime and the system clock. */
    public static RequestSigner hs256(SharedSecret secret) {
        return hs256(secret, null, Clock.systemUTC(), DEFAULT_TTL);
    }

    /**
     * An HS256 signer of one relay's own secret: its tokens carry {@code kid} = {@code keyId} (RFC 7515 section
     * 4.1.4), which the verifier uses to pick the key.
     */
    public static RequestSigner hs256(SharedSecret secret, String keyId) {
        return hs256(secret, keyId, Clock.systemUTC(), DEFAULT_TTL);
    }

    /** An HS256 signer without {@code kid}. @param ttl token lifetime, {@code > 0} */
    public static RequestSigner hs256(SharedSecret secret, Clock clock, Duration ttl) {
        return hs256(secret, null, clock, ttl);
    }

    /**
     * An HS256 signer.
     *
     * @param keyId the {@code kid} header, or null for the shared secret
     * @param ttl token lifetime, {@code > 0}
     */
    public static RequestSigner hs256(SharedSecret secret, @Nullable String keyId, Clock clock, Duration ttl) {
        try {
            return new RequestSigner(new MACSigner(secret.key()), keyId, clock, ttl);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("secret: " + e.getMessage(), e);
        }
    }

    /** Signs nothing: {@link #authorization} returns null. Only for the explicit insecure opt-out. */
    public static RequestSigner none() {
        return new RequestSigner(null, null, Clock.systemUTC(), DEFAULT_TTL);
    }

    /** The {@code kid} this signer puts in its tokens, or null (the shared secret). */
    public @Nullable String keyId() {
        return keyId;
    }

    /** Whether this signer produces tokens. */
    public boolean enabled() {
        return signer != null;
    }

    /**
     * The {@code Authorization} header value, {@code Bearer <jwt>}, for a request to {@code target} with no
     * idempotency key and no connection id.
     *
     * @return the value, or null when this signer is {@link #none()}
     */
    public @Nullable String authorization(String method, URI target, byte[] body) {
        return authorization(method, RequestClaims.pathOf(target), body, RequestBinding.NONE);
    }

    /**
     * The {@code Authorization} header value, {@code Bearer <jwt>}, for a request to {@code target}.
     *
     * @param binding the request's {@code Idempotency-Key} and connection id
     * @return the value, or null when this signer is {@link #none()}
     */
    public @Nullable String authorization(String method, URI target, byte[] body, RequestBinding binding) {
        return authorization(method, RequestClaims.pathOf(target), body, binding);
    }

    /**
     * The {@code Authorization} header value, {@code Bearer <jwt>}, binding method, path and body only.
     *
     * @param path the request path with query, as the receiver will see it
     * @return the value, or null when this signer is {@link #none()}
     */
    public @Nullable String authorization(String method, String path, byte[] body) {
        return authorization(method, path, body, RequestBinding.NONE);
    }

    /**
     * The {@code Authorization} header value, {@code Bearer <jwt>}, binding method, path, body, the
     * {@code Idempotency-Key} and the connection id; every token has a fresh random {@code jti}.
     *
     * @param path the request path with query, as the receiver will see it
     * @param binding the request's {@code Idempotency-Key} header (sent by the caller) and connection id
     * @return the value, or null when this signer is {@link #none()}
     */
    public @Nullable String authorization(String method, String path, byte[] body, RequestBinding binding) {
        if (signer == null) {
            return null;
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim(RequestClaims.METHOD, RequestClaims.method(method))
                .claim(RequestClaims.PATH, path)
                .claim(RequestClaims.BODY_HASH, RequestClaims.bodyHash(body))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        if (binding.idempotencyKey() != null) {
            claims.claim(RequestClaims.IDEMPOTENCY_KEY, binding.idempotencyKey());
        }
        if (binding.connectionId() != null) {
            claims.claim(RequestClaims.CONNECTION_ID, binding.connectionId());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(TYPE)
                        .keyID(keyId)
                        .build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return HttpNames.BEARER_PREFIX + jwt.serialize();
    }
}
