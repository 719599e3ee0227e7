package dev.switchboard.socketdock.relay;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The relay's backend flags: the URIs it POSTs to, the heartbeat, and the backend client's timeouts, retries,
 * connection pool (with its bounded wait) and per-socket dispatch queue (bounded in events and in bytes). Second
 * link of the {@link RelayConfigBuilder} chain.
 */
public abstract sealed class BackendOptions extends ListenerOptions permits AuthOptions {
    @Nullable
    URI messageUri;

    @Nullable
    URI disconnectUri;

    @Nullable
    URI connectUri;

    @Nullable
    URI heartbeatUri;

    Duration heartbeatInterval = Duration.ZERO;
    Duration backendTimeout = Duration.ZERO;
    Duration backendConnectTimeout = Duration.ZERO;
    int backendRetries;
    int backendPoolSize;
    Duration backendPoolWait = Duration.ZERO;
    int backendMaxPending;
    int dispatchQueueSize;
    int dispatchQueueBytes;

    BackendOptions() {}

    @Option(names = "--message-uri", order = 3, paramLabel = "URI", description = "backend URI for messages (required)")
    public RelayConfigBuilder messageUri(@Nullable URI v) {
        messageUri = v == null ? null : Checks.http("messageUri", v);
        return self();
    }

    @Option(
            names = "--disconnect-uri",
            order = 4,
            paramLabel = "URI",
            description = "backend URI for disconnect notices (unset: none sent)")
    public RelayConfigBuilder disconnectUri(@Nullable URI v) {
        disconnectUri = v == null ? null : Checks.http("disconnectUri", v);
        return self();
    }

    @Option(
            names = "--connect-uri",
            order = 5,
            paramLabel = "URI",
            description =
                    "backend URI for connect events; a non-2xx answer closes the socket with 1008 (unset: none sent)")
    public RelayConfigBuilder connectUri(@Nullable URI v) {
        connectUri = v == null ? null : Checks.http("connectUri", v);
        return self();
    }

    @Option(
            names = "--heartbeat-uri",
            order = 13,
            paramLabel = "URI",
            description = "backend URI for instance heartbeats (unset: none sent)")
    public RelayConfigBuilder heartbeatUri(@Nullable URI v) {
        heartbeatUri = v == null ? null : Checks.http("heartbeatUri", v);
        return self();
    }

    @Option(
            names = "--heartbeat-interval",
            order = 14,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "time between heartbeats")
    public RelayConfigBuilder heartbeatInterval(Duration v) {
        heartbeatInterval = Checks.positive("heartbeatInterval", v);
        return self();
    }

    @Option(
            names = "--backend-timeout",
            order = 23,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "time limit of one backend POST")
    public RelayConfigBuilder backendTimeout(Duration v) {
        backendTimeout = Checks.positive("backendTimeout", v);
        return self();
    }

    @Option(
            names = "--backend-connect-timeout",
            order = 24,
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "TCP connect time limit to the backend")
    public RelayConfigBuilder backendConnectTimeout(Duration v) {
        backendConnectTimeout = Checks.positive("backendConnectTimeout", v);
        return self();
    }

    @Option(
            names = "--backend-retries",
            order = 25,
            paramLabel = "N",
            defaultValue = "2",
            description = "retries of a failed backend POST (same Idempotency-Key), then close 1011/1013")
    public RelayConfigBuilder backendRetries(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("backendRetries: " + v + " (expected: >= 0)");
        }
        backendRetries = v;
        return self();
    }

    @Option(
            names = "--backend-pool-size",
            order = 26,
            paramLabel = "N",
            defaultValue = "64",
            description = "keep-alive connections per backend host")
    public RelayConfigBuilder backendPoolSize(int v) {
        backendPoolSize = Checks.positive("backendPoolSize", v);
        return self();
    }

    @Option(
            names = "--backend-pool-wait",
            order = 30,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "longest wait for a free pooled backend connection; then the POST fails (socket: 1013)")
    public RelayConfigBuilder backendPoolWait(Duration v) {
        backendPoolWait = Checks.positive("backendPoolWait", v);
        return self();
    }

    @Option(
            names = "--backend-max-pending",
            order = 31,
            paramLabel = "N",
            defaultValue = "4096",
            description = "POSTs waiting for a pooled connection per backend host; more fail at once (socket: 1013)")
    public RelayConfigBuilder backendMaxPending(int v) {
        backendMaxPending = Checks.positive("backendMaxPending", v);
        return self();
    }

    @Option(
            names = "--dispatch-queue-size",
            order = 27,
            paramLabel = "N",
            defaultValue = "64",
            description = "backend POSTs waiting per socket; more closes with 1013")
    public RelayConfigBuilder dispatchQueueSize(int v) {
        dispatchQueueSize = Checks.positive("dispatchQueueSize", v);
        return self();
    }

    @Option(
            names = "--dispatch-queue-bytes",
            order = 32,
            paramLabel = "BYTES",
            defaultValue = "2097152",
            description = "body bytes of backend POSTs waiting per socket (one always fits); more closes with 1013")
    public RelayConfigBuilder dispatchQueueBytes(int v) {
        dispatchQueueBytes = Checks.positive("dispatchQueueBytes", v);
        return self();
    }
}
