package dev.switchboard.socketdock.protocol.auth;

import java.time.Instant;

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
     * A good token for this request.
     *
     * @param tokenId the token's {@code jti}, or empty when absent
     * @param expiresAt the token's expiry
     */
    record Valid(String tokenId, Instant expiresAt) implements Verification {
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
     * The token is for another request.
     *
     * @param claim the claim that does not match: {@code htm}, {@code htp} or {@code bh}
     */
    record Mismatch(String claim) implements Verification {
        @Override
        public String reason() {
            return "token does not match request (" + claim + ")";
        }
    }
}
