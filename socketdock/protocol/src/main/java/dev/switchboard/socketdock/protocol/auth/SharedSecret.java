package dev.switchboard.socketdock.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The HS256 key shared by a relay and its backends. HS256 needs at least 256 bits of key
 * (RFC 7518 section 3.2), so the secret must be at least 32 bytes.
 */
public final class SharedSecret {
    /** Minimum key length in bytes (RFC 7518 section 3.2). */
    public static final int MIN_BYTES = 32;

    private final byte[] key;

    private SharedSecret(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "secret: " + key.length + " bytes (expected: >= " + MIN_BYTES + " bytes for HS256)");
        }
        this.key = key.clone();
    }

    /** The secret's UTF-8 bytes are the key (as configured in an environment variable or a Kubernetes Secret). */
    public static SharedSecret ofUtf8(String secret) {
        return new SharedSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw key bytes (copied). */
    public static SharedSecret ofBytes(byte[] key) {
        return new SharedSecret(key);
    }

    byte[] key() {
        return key.clone();
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SharedSecret[" + key.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedSecret other && java.security.MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new byte[] {(byte) key.length});
    }
}
