package dev.switchboard.queue.config;

import java.time.Duration;

/** Argument checks with the house message format {@code "name: value (expected: ...)"}. */
final class Checks {

    private Checks() {}

    static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("%s: %s (expected: > 0)".formatted(name, value));
        }
    }

    static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("%s: %s (expected: > 0)".formatted(name, value));
        }
    }

    static void notBlank(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("%s: '%s' (expected: non-blank)".formatted(name, value));
        }
    }
}
