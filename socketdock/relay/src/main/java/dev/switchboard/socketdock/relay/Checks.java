package dev.switchboard.socketdock.relay;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The argument checks of the {@link RelayConfigBuilder} chain's setters: each message names the field and what was expected. */
final class Checks {
    private Checks() {}

    static int port(String name, int v) {
        if (v < 0 || v > 65535) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: 0..65535)");
        }
        return v;
    }

    static int positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
        }
        return v;
    }

    static int nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: >= 0)");
        }
        return v;
    }

    static Duration positive(String name, Duration v) {
        if (v.isNegative() || v.isZero()) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
        }
        return v;
    }

    static Duration nonNegative(String name, Duration v) {
        if (v.isNegative()) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: >= 0)");
        }
        return v;
    }

    static URI http(String name, URI v) {
        String scheme = v.getScheme();
        if (!"http".equalsIgnoreCase(scheme) || v.getHost() == null) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: an absolute http:// URI)");
        }
        return v;
    }

    static String read(String name, Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": " + path + " cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
