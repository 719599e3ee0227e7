package dev.switchboard.loadtest.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What to start on loopback. Read from system properties ({@code loadtest.*}) by {@link #fromSystemProperties}.
 *
 * @param repo the repository root (the relay and mediator are started from their {@code target/} folders)
 * @param runDir where logs and generated configuration go
 * @param redisUri a Redis to use, or null to start an embedded one ({@code loadtest.redis})
 * @param relays number of socketdock relays, >= 1 ({@code loadtest.relays})
 * @param mediators number of mediators, >= 1 ({@code loadtest.mediators})
 * @param haproxy put HAProxy in front of the relays (WebSockets) and the mediators (HTTP) ({@code
 *     loadtest.haproxy}); needs the {@code haproxy} binary
 * @param basePort first port used; the cluster takes {@code basePort .. basePort+399} ({@code
 *     loadtest.basePort})
 * @param mediatorHeap the mediators' {@code -Xmx} ({@code loadtest.mediatorHeap})
 * @param relayHeap the relays' {@code -Xmx} ({@code loadtest.relayHeap})
 * @param systemRedis start Debian's {@code redis-server} with the append-only file on instead of the embedded
 *     Redis, so the nemesis can kill, restart and pause it ({@code loadtest.systemRedis}); ignored with {@code
 *     redisUri}
 * @param redisAppendfsync that server's {@code appendfsync}: {@code everysec} (default), {@code always} or {@code
 *     no} ({@code loadtest.redisAppendfsync})
 * @param faultProxy route the mediators' Redis connections and the relays' {@code send} callbacks through
 *     HAProxy, which the nemesis switches to cut or delay them ({@code loadtest.faultProxy}; needs {@code
 *     haproxy})
 * @param callbackDelayMillis how long HAProxy holds a delayed callback, ms ({@code loadtest.callbackDelayMillis},
 *     6000: past the mediator's 5 s callback timeout)
 */
public record ClusterSpec(
        Path repo,
        Path runDir,
        @Nullable String redisUri,
        int relays,
        int mediators,
        boolean haproxy,
        int basePort,
        String mediatorHeap,
        String relayHeap,
        boolean systemRedis,
        String redisAppendfsync,
        boolean faultProxy,
        int callbackDelayMillis) {

    public ClusterSpec {
        if (relays < 1) {
            throw new IllegalArgumentException("relays: %s (expected: >= 1)".formatted(relays));
        }
        if (mediators < 1) {
            throw new IllegalArgumentException("mediators: %s (expected: >= 1)".formatted(mediators));
        }
        if (basePort < 1024 || basePort > 65_000) {
            throw new IllegalArgumentException("basePort: %s (expected: 1024..65000)".formatted(basePort));
        }
        if (faultProxy && !haproxy) {
            throw new IllegalArgumentException("faultProxy: true (expected: only with haproxy)");
        }
        if (relays > 70) {
            throw new IllegalArgumentException("relays: %s (expected: <= 70)".formatted(relays));
        }
    }

    /** The spec from {@code loadtest.*} system properties, with defaults for a single-machine run. */
    public static ClusterSpec fromSystemProperties() {
        Path repo = Path.of(System.getProperty("loadtest.repo", findRepo().toString()));
        Path runDir = Path.of(System.getProperty(
                "loadtest.runDir",
                repo.resolve("loadtest/target/run-" + System.currentTimeMillis())
                        .toString()));
        String redis = System.getProperty("loadtest.redis", "");
        return new ClusterSpec(
                repo,
                runDir,
                redis.isBlank() ? null : redis,
                Integer.getInteger("loadtest.relays", 1),
                Integer.getInteger("loadtest.mediators", 1),
                Boolean.getBoolean("loadtest.haproxy"),
                Integer.getInteger("loadtest.basePort", 28000),
                System.getProperty("loadtest.mediatorHeap", "768m"),
                System.getProperty("loadtest.relayHeap", "512m"),
                Boolean.getBoolean("loadtest.systemRedis"),
                System.getProperty("loadtest.redisAppendfsync", "everysec"),
                Boolean.getBoolean("loadtest.faultProxy"),
                Integer.getInteger("loadtest.callbackDelayMillis", 6000));
    }

    /** Public WebSocket port of relay {@code i}. */
    public int relayPort(int i) {
        return basePort + 100 + i;
    }

    /** Internal (callback) port of relay {@code i}. */
    public int relayInternalPort(int i) {
        return basePort + 200 + i;
    }

    /** HTTP port of mediator {@code j}. */
    public int mediatorPort(int j) {
        return basePort + 300 + j;
    }

    /** HAProxy's WebSocket front port. */
    public int haproxyWsPort() {
        return basePort + 1;
    }

    /** HAProxy's HTTP (mediators) front port. */
    public int haproxyHttpPort() {
        return basePort + 2;
    }

    /** The embedded Redis port. */
    public int redisPort() {
        return basePort + 3;
    }

    /** HAProxy's TCP front to Redis (with {@link #faultProxy()}). */
    public int redisProxyPort() {
        return basePort + 4;
    }

    /** HAProxy's HTTP front to relay {@code i}'s callbacks (with {@link #faultProxy()}). */
    public int callbackProxyPort(int i) {
        return basePort + 20 + i;
    }

    private static Path findRepo() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("mediator")) && Files.isDirectory(d.resolve("socketdock"))) {
                return d;
            }
        }
        return dir;
    }
}
