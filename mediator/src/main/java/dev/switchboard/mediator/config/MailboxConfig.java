package dev.switchboard.mediator.config;

import dev.switchboard.queue.config.MailboxSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits of every wallet's mailbox: {@code switchboard.mailbox.*} (environment: {@code SWITCHBOARD_MAILBOX_*},
 * e.g. {@code SWITCHBOARD_MAILBOX_MAX_MESSAGES}). The defaults are the queue module's {@link
 * MailboxSettings#defaults()}. A forward that would go past a cap is refused with HTTP 507 {@code
 * e.p.me.res.storage} and nothing is stored ({@code mediator/docs/problem-reports.md}).
 */
@ConfigMapping(prefix = "switchboard.mailbox")
public interface MailboxConfig {

    /** Cap: messages stored per wallet (pending and in flight), {@code > 0}. */
    @WithDefault("10000")
    long maxMessages();

    /** Cap: bytes of the packed messages stored per wallet, {@code > 0} (default 64 MiB). */
    @WithDefault("67108864")
    long maxBytes();

    /**
     * Time to live of a message whose forward gives no expiry (every routing 1.0 forward; a routing 2.0
     * forward without {@code expires_time}); past it the message is dropped and a dead letter recorded.
     */
    @WithDefault("14d")
    Duration ttl();

    /**
     * Longest time to live, whatever a forward's {@code expires_time} asks; {@code >= ttl}. Absent: the longer
     * of 14 days and {@link #ttl()}.
     */
    Optional<Duration> maxTtl();

    /** How long an acknowledged message id is remembered so a late retry of its forward is not stored again. */
    @WithDefault("24h")
    Duration dedupeWindow();

    /** Dead-letter records (dropped, expired messages) kept per wallet, oldest dropped first; {@code > 0}. */
    @WithDefault("1000")
    int deadLetterLimit();

    /**
     * The queue module's settings from this configuration.
     *
     * @throws IllegalArgumentException naming the property when a value is out of range
     */
    default MailboxSettings toSettings() {
        Duration fourteenDays = Duration.ofDays(14);
        Duration maxTtl = maxTtl().orElse(ttl().compareTo(fourteenDays) > 0 ? ttl() : fourteenDays);
        try {
            return new MailboxSettings(maxMessages(), maxBytes(), ttl(), maxTtl, dedupeWindow(), deadLetterLimit());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.mailbox: " + e.getMessage(), e);
        }
    }
}
