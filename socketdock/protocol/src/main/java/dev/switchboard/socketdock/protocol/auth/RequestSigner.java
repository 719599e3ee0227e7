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
    private final Clock clock;
    private final Duration ttl;

    private RequestSigner(@Nullable MACSigner signer, Clock clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
        }
        this.signer = signer;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** An HS256 signer with the default lifetime and the system clock. */
    public static RequestSigner hs256(SharedSecret secret) {
        return hs256(secret, Clock.systemUTC(), DEFAULT_TTL);
    }

    /** An HS256 signer. @param ttl token lifetime, {@code > 0} */
    public static RequestSigner hs256(SharedSecret secret, Clock clock, Duration ttl) {
        try {
            return new RequestSigner(new MACSigner(secret.key()), clock, ttl);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("secret: " + e.getMessage(), e);
        }
    }

    /** Signs nothing: {@link #authorization} returns null. Only for the explicit insecure opt-out. */
    public static RequestSigner none() {
        return new RequestSigner(null, Clock.systemUTC(), DEFAULT_TTL);
    }

    /** Whether this signer produces tokens. */
    public boolean enabled() {
        return signer != null;
    }

    /**
     * The {@code Authorization} header value, {@code Bearer <jwt>}, for a request to {@code target}.
     *
     * @return the value, or null when this signer is {@link #none()}
     */
    public @Nullable String authorization(String method, URI target, byte[] body) {
        return authorization(method, RequestClaims.pathOf(target), body);
    }

    /**
     * The {@code Authorization} header value, {@code Bearer <jwt>}, binding method, path and body.
     *
     * @param path the request path with query, as the receiver will see it
     * @return the value, or null when this signer is {@link #none()}
     */
    public @Nullable String authorization(String method, String path, byte[] body) {
        if (signer == null) {
            return null;
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim(RequestClaims.METHOD, RequestClaims.method(method))
                .claim(RequestClaims.PATH, path)
                .claim(RequestClaims.BODY_HASH, RequestClaims.bodyHash(body))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return HttpNames.BEARER_PREFIX + jwt.serialize();
    }
}
