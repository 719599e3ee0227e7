package dev.switchboard.queue.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to reach Redis.
 *
 * @param uri {@code redis://host:port[/db]} or {@code rediss://host:port} (TLS); in cluster mode any
 *     seed node (more may follow, comma-separated: {@code redis://h1:6379,redis://h2:6379})
 * @param mode standalone server (or a proxy/Sentinel-resolved primary) or Redis Cluster
 * @param tls use TLS even if the URI says {@code redis://}
 * @param verifyPeer verify the server's TLS certificate and host name (turn off only for tests)
 * @param username ACL user name (Redis 6+), or {@code null} for {@code default} / the URI's
 * @param password password, or {@code null} for none / the URI's
 * @param connectTimeout TCP connect timeout, {@code > 0}
 * @param commandTimeout a command's reply timeout, {@code > 0}; a stage then fails with {@link
 *     dev.switchboard.queue.QueueException}
 * @param keyPrefix prefix of every key this module writes (no braces), non-blank; e.g. {@code sb}
 */
public record RedisSettings(
        String uri,
        Mode mode,
        boolean tls,
        boolean verifyPeer,
        @Nullable String username,
        @Nullable String password,
        Duration connectTimeout,
        Duration commandTimeout,
        String keyPrefix) {

    /** Standalone or cluster. */
    public enum Mode {
        /** One server (or a primary behind a proxy). */
        STANDALONE,
        /** Redis Cluster: keys are hash-tagged per recipient so every atomic update hits one slot. */
        CLUSTER
    }

    /** Checks the arguments. */
    public RedisSettings {
        Checks.notBlank("uri", uri);
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            throw new IllegalArgumentException("uri: %s (expected: redis:// or rediss://)".formatted(uri));
        }
        Checks.positive("connectTimeout", connectTimeout);
        Checks.positive("commandTimeout", commandTimeout);
        Checks.notBlank("keyPrefix", keyPrefix);
        if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw new IllegalArgumentException("keyPrefix: %s (expected: no braces)".formatted(keyPrefix));
        }
    }

    /** Standalone, no TLS unless {@code rediss://}, credentials from the URI, 5 s / 5 s timeouts, prefix {@code sb}. */
    public static RedisSettings of(String uri) {
        return new RedisSettings(
                uri, Mode.STANDALONE, false, true, null, null, Duration.ofSeconds(5), Duration.ofSeconds(5), "sb");
    }

    /** A copy in another mode. */
    public RedisSettings withMode(Mode newMode) {
        return new RedisSettings(
                uri, newMode, tls, verifyPeer, username, password, connectTimeout, commandTimeout, keyPrefix);
    }

    /** A copy with another key prefix. */
    public RedisSettings withKeyPrefix(String newPrefix) {
        return new RedisSettings(
                uri, mode, tls, verifyPeer, username, password, connectTimeout, commandTimeout, newPrefix);
    }

    /** A copy with credentials. */
    public RedisSettings withCredentials(@Nullable String newUsername, @Nullable String newPassword) {
        return new RedisSettings(
                uri, mode, tls, verifyPeer, newUsername, newPassword, connectTimeout, commandTimeout, keyPrefix);
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "RedisSettings[uri=%s, mode=%s, tls=%s, verifyPeer=%s, username=%s, password=%s, connectTimeout=%s, commandTimeout=%s, keyPrefix=%s]"
                .formatted(
                        uri.replaceAll("//[^@/]*@", "//***@"),
                        mode,
                        tls,
                        verifyPeer,
                        username,
                        password == null ? null : "***",
                        connectTimeout,
                        commandTimeout,
                        keyPrefix);
    }
}
