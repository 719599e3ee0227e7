package dev.switchboard.didcomm.v1;

import dev.switchboard.didcomm.UnpackMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The result of unpacking a DIDComm v1 envelope.
 *
 * @param plaintext the decrypted plaintext message bytes (normally UTF-8 JSON with {@code @type}, {@code @id})
 * @param metadata what unpacking established: version {@code V1}, encrypted, Authcrypt sender verkey or
 *     anonymous, the recipient verkey that decrypted, {@code enc} and {@code alg} as received
 */
public record UnpackedMessage(byte[] plaintext, UnpackMetadata metadata) {
    public UnpackedMessage {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** The plaintext decoded as UTF-8. */
    public String plaintextUtf8() {
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] plaintext() {
        return plaintext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnpackedMessage u
                && java.util.Arrays.equals(u.plaintext, plaintext)
                && u.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(plaintext) * 31 + metadata.hashCode();
    }

    @Override
    public String toString() {
        return "UnpackedMessage[" + plaintext.length + " bytes, " + metadata + "]";
    }
}
