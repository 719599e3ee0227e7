package dev.switchboard.didcomm.v2;

import dev.switchboard.didcomm.UnpackMetadata;
import java.util.Objects;

/**
 * A plaintext message with what unpacking found out about it.
 *
 * @param message the innermost plaintext
 * @param metadata encryption, authentication and routing facts (version {@code V2})
 */
public record Unpacked(Message message, UnpackMetadata metadata) {
    public Unpacked {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(metadata, "metadata");
    }
}
