package dev.switchboard.didcomm.benchmarks;

import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Shared benchmark inputs: a 1 KB plaintext message and an in-memory secret store. */
public final class Payloads {
    /** Plaintext size of the benchmark message, in bytes. */
    public static final int MESSAGE_BYTES = 1024;

    private Payloads() {}

    /** A DIDComm v1 style JSON message of exactly {@link #MESSAGE_BYTES} bytes. */
    public static byte[] message1k() {
        String head = "{\"@type\":\"https://didcomm.org/basicmessage/1.0/message\",\"@id\":\"bench\",\"content\":\"";
        String tail = "\"}";
        String filler = "x".repeat(MESSAGE_BYTES - head.length() - tail.length());
        byte[] out = (head + filler + tail).getBytes(StandardCharsets.UTF_8);
        if (out.length != MESSAGE_BYTES) {
            throw new IllegalStateException("message is " + out.length + " bytes");
        }
        return out;
    }

    /** An in-memory {@link SecretResolver}. */
    public static final class MapSecrets implements SecretResolver {
        private final Map<String, Secret> byKid = new ConcurrentHashMap<>();

        /** Adds a secret under its kid. */
        public MapSecrets add(Secret secret) {
            byKid.put(secret.kid(), secret);
            return this;
        }

        @Override
        public Optional<Secret> findKey(String kid) {
            return Optional.ofNullable(byKid.get(kid));
        }
    }
}
