package dev.switchboard.socketdock.protocol.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying a request token. Only {@link Valid} admits the request; every other
 * outcome maps to HTTP 401 with nothing done.
 */
public sealed interface Verification {
    /** Whether the request is admitted. */
    default boolean ok() {
        return this instanceof Valid;
    }

    /** A short reason for logs and the 401 body (never contains the token). */
    String reason();

    /**
     * A good token for this request, used for the first time.
     *
     * @param tokenId the token's {@code jti}
     * @param expiresAt the token's expiry
     * @param keyId the {@code kid} whose secret verified it, or null for the shared secret
     * @param connectionId the {@code connection_id} claim, or null when the token binds none; a receiver that
     *     did not pass the connection id to the verifier compares it with the one the body names
     */
    record Valid(
            String tokenId,
            Instant expiresAt,
            @Nullable String keyId,
            @Nullable String connectionId) implements Verification {
        @Override
        public String reason() {
            return "ok";
        }
    }

    /** No token when one is required; authentication is disabled only by explicit opt-out. */
    record Insecure() implements Verification {
        @Override
        public boolean ok() {
            return true;
        }

        @Override
        public String reason() {
            return "authentication disabled";
        }
    }

    /** No {@code Authorization: Bearer} header. */
    record Missing() implements Verification {
        @Override
        public String reason() {
            return "missing bearer token";
        }
    }

    /**
     * Not a compact JWS, wrong {@code alg}/{@code typ}, or required claims absent.
     *
     * @param detail what is wrong
     */
    record Malformed(String detail) implements Verification {
        @Override
        public String reason() {
            return "malformed token: " + detail;
        }
    }

    /** The HS256 signature does not verify under the shared secret (tampered or other key). */
    record BadSignature() implements Verification {
        @Override
        public String reason() {
            return "bad signature";
        }
    }

    /**
     * The token is expired, not yet valid, or lives longer than allowed.
     *
     * @param expiresAt the token's {@code exp}
     */
    record Expired(Instant expiresAt) implements Verification {
        @Override
        public String reason() {
            return "expired token";
        }
    }

    /**
     * The token names a {@code kid} the verifier has no secret for (unknown, or revoked), or names none when
     * the verifier has no shared secret.
     *
     * @param keyId the token's {@code kid}, or null when it has none
     */
    record UnknownKey(@Nullable String keyId) implements Verification {
        @Override
        public String reason() {
            return keyId == null ? "no kid and no shared secret" : "unknown kid";
        }
    }

    /**
     * The token was already used: its {@code jti} is in the verifier's {@link ReplayCache}.
     *
     * @param tokenId the token's {@code jti}
     */
    record Replayed(String tokenId) implements Verification {
        @Override
        public String reason() {
            return "token already used";
        }
    }

    /**
     * The token is for another request.
     *
     * @param claim the claim that does not match: {@code htm}, {@code htp}, {@code bh}, {@code
     *     idempotency_key} or {@code connection_id}
     */
    record Mismatch(String claim) implements Verification {
        @Override
        public String reason() {
            return "token does not match request (" + claim + ")";
        }
    }
}
