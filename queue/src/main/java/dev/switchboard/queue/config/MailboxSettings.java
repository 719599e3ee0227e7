package dev.switchboard.queue.config;

import java.time.Duration;

/**
 * Limits of every mailbox.
 *
 * @param maxCount cap: messages stored per recipient (pending and in flight), {@code > 0}
 * @param maxBytes cap: bytes stored per recipient, {@code > 0}
 * @param defaultTtl time to live of a message enqueued without an expiry time, {@code > 0}
 * @param maxTtl longest time to live, whatever the message says, {@code >= defaultTtl}
 * @param dedupeWindow how long an acknowledged message id is remembered so a late retry of its
 *     forward is not stored again, {@code > 0}
 * @param deadLetterLimit dead-letter records kept per recipient (oldest dropped first), {@code > 0}
 */
public record MailboxSettings(
        long maxCount,
        long maxBytes,
        Duration defaultTtl,
        Duration maxTtl,
        Duration dedupeWindow,
        int deadLetterLimit) {

    /** Checks the arguments. */
    public MailboxSettings {
        Checks.positive("maxCount", maxCount);
        Checks.positive("maxBytes", maxBytes);
        Checks.positive("defaultTtl", defaultTtl);
        Checks.positive("maxTtl", maxTtl);
        if (maxTtl.compareTo(defaultTtl) < 0) {
            throw new IllegalArgumentException("maxTtl: %s (expected: >= defaultTtl %s)".formatted(maxTtl, defaultTtl));
        }
        Checks.positive("dedupeWindow", dedupeWindow);
        Checks.positive("deadLetterLimit", deadLetterLimit);
    }

    /** 10,000 messages, 64 MiB, 14 days default and maximum time to live, 24 h de-duplication, 1,000 dead letters. */
    public static MailboxSettings defaults() {
        return new MailboxSettings(
                10_000, 64L << 20, Duration.ofDays(14), Duration.ofDays(14), Duration.ofHours(24), 1_000);
    }
}
