package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the mediator's shared state lives: {@code switchboard.redis.*} (environment: {@code SWITCHBOARD_REDIS_*}). */
@ConfigMapping(prefix = "switchboard.redis")
public interface RedisConfig {

    /**
     * Where Redis is. A standalone server (the default): {@code redis://host:port[/db]} or {@code rediss://...}
     * (TLS). A Redis Cluster: a seed list {@code redis-cluster://host1:port1,host2:port2,...} (or {@code
     * rediss-cluster://} for TLS) of any of its nodes; the client learns the rest from {@code CLUSTER SHARDS}/
     * {@code CLUSTER NODES}, follows {@code MOVED}/{@code ASK} and refreshes its slot map after a failover.
     * Credentials come from {@link #password()} in cluster mode.
     */
    @WithDefault("redis://127.0.0.1:6379")
    String uri();

    /**
     * When a forward counts as stored (and is answered 202): {@code none}, as soon as the primary applied it;
     * {@code wait-replicas:N}, only once {@code N} replicas of the wallet's primary hold it (Redis {@code
     * WAIT}, at most {@link #waitTimeout()}; fewer replicas: 503, nothing acknowledged, the sender's retry is a
     * duplicate that waits again). What each choice can lose: docs/operations.md "Redis durability".
     */
    @WithDefault("none")
    String durability();

    /** How long a forward waits for its replicas under {@code durability=wait-replicas:N} before a 503. */
    @WithDefault("1s")
    Duration waitTimeout();

    /**
     * Buckets of each shared due-time set (delivery deadlines, push schedule): a wallet's entry lives in one
     * of them (by a hash of its connection key), each bucket its own key and, in a cluster, its own slot, so
     * no single shard takes every wallet's deadline writes; every sweep reads all buckets. {@code 1..1024}.
     */
    @WithDefault("16")
    int dueSetBuckets();

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
