package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the mediator's shared state lives: {@code switchboard.redis.*} (environment: {@code SWITCHBOARD_REDIS_*}). */
@ConfigMapping(prefix = "switchboard.redis")
public interface RedisConfig {

    /** The Redis URI, {@code redis://host:port[/db]} or {@code rediss://...}. */
    @WithDefault("redis://127.0.0.1:6379")
    String uri();

    /**
     * The Redis password ({@code AUTH}, Redis {@code requirepass}), kept out of {@link #uri()} so it can come
     * from a Kubernetes Secret on its own ({@code SWITCHBOARD_REDIS_PASSWORD}); when set it replaces the credentials
     * in the URI (user name included: the default user). Absent: the URI's, if any.
     */
    Optional<String> password();

    /** Prefix of every key the mediator and its queue write (no braces). */
    @WithDefault("sb")
    String keyPrefix();

    /** A command's reply timeout; past it the request fails with 503 and nothing is acknowledged. */
    @WithDefault("5s")
    Duration commandTimeout();

    /**
     * Start an embedded Redis server (a real redis-server binary from embedded-redis) on the port of
     * {@link #uri()} at startup: the single-machine default of {@code ./run}. Never in production.
     */
    @WithDefault("false")
    boolean embedded();
}
