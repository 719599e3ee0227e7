package dev.switchboard.socketdock.relay;

import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Builder for {@link RelayConfig}, and the declaration of every flag: each setter is a picocli option
 * (name, default, help text; {@link RelayOptions} adds its {@code SOCKETDOCK_*} variable) and checks
 * its argument, naming the field in its message.
 */
public final class RelayConfigBuilder {
    String bindIp = "";
    int bindPort;

    @Nullable
    String internalIp;

    int internalPort;

    @Nullable
    URI endpoint;

    @Nullable
    URI messageUri;

    @Nullable
    URI disconnectUri;

    @Nullable
    URI connectUri;

    @Nullable
    URI heartbeatUri;

    Duration heartbeatInterval = Duration.ZERO;
    String instanceId = Ids.newInstanceId();

    @Nullable
    SharedSecret secret;

    @Nullable
    SharedSecret secretFile;

    boolean insecureNoAuth;
    boolean compatPublicCallbacks;
    Duration pingInterval = Duration.ZERO;
    Duration pongTimeout = Duration.ZERO;
    Duration idleTimeout = Duration.ZERO;
    Duration maxLifetime = Duration.ZERO;
    int maxFrameSize;
    int maxCallbackBody;
    int maxConnections;
    Duration drainWindow = Duration.ZERO;
    Duration backendTimeout = Duration.ZERO;
    Duration backendConnectTimeout = Duration.ZERO;
    int backendRetries;
    int backendPoolSize;
    int dispatchQueueSize;
    int writeBufferLow;
    int writeBufferHigh;
    int eventLoopThreads;

    RelayConfigBuilder() {}

    @Option(
            names = "--bindip",
            order = 0,
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "public WebSocket listener address")
    public RelayConfigBuilder bindIp(String v) {
        bindIp = Objects.requireNonNull(v, "bindIp");
        return this;
    }

    @Option(
            names = "--bindport",
            order = 1,
            paramLabel = "PORT",
            defaultValue = "8765",
            description = "public WebSocket listener port (/ws and /)")
    public RelayConfigBuilder bindPort(int v) {
        bindPort = Checks.port("bindPort", v);
        return this;
    }

    @Option(
            names = "--endpoint",
            order = 2,
            paramLabel = "URI",
            description =
                    "this instance's base URI for callbacks as backends reach it; unique per instance (unset: http://<internal-ip>:<internal-port>)")
    public RelayConfigBuilder endpoint(@Nullable URI v) {
        endpoint = v;
        return this;
    }

    @Option(names = "--message-uri", order = 3, paramLabel = "URI", description = "backend URI for messages (required)")
    public RelayConfigBuilder messageUri(@Nullable URI v) {
        messageUri = v == null ? null : Checks.http("messageUri", v);
        return this;
    }

    @Option(
            names = "--disconnect-uri",
            order = 4,
            paramLabel = "URI",
            description = "backend URI for disconnect notices (unset: none sent)")
    public RelayConfigBuilder disconnectUri(@Nullable URI v) {
        disconnectUri = v == null ? null : Checks.http("disconnectUri", v);
        return this;
    }

    @Option(
            names = "--connect-uri",
            order = 5,
            paramLabel = "URI",
            description =
                    "backend URI for connect events; a non-2xx answer closes the socket with 1008 (unset: none sent)")
    public RelayConfigBuilder connectUri(@Nullable URI v) {
        connectUri = v == null ? null : Checks.http("connectUri", v);
        return this;
    }

    @Option(
            names = "--internal-ip",
            order = 6,
            paramLabel = "ADDR",
            description = "internal listener address: callbacks, health, metrics (unset: = --bindip)")
    public RelayConfigBuilder internalIp(@Nullable String v) {
        internalIp = v;
        return this;
    }

    @Option(
            names = "--internal-port",
            order = 7,
            paramLabel = "PORT",
            defaultValue = "8766",
            description = "internal listener port")
    public RelayConfigBuilder internalPort(int v) {
        internalPort = Checks.port("internalPort", v);
        return this;
    }

    @Option(
            names = "--secret",
            order = 8,
            paramLabel = "TEXT",
            description =
                    "shared HS256 secret, >= 32 bytes, for backend POSTs and callbacks (this or --secret-file is required)")
    public RelayConfigBuilder secret(@Nullable SharedSecret v) {
        secret = v;
        return this;
    }

    @Option(
            names = "--secret-file",
            order = 9,
            paramLabel = "PATH",
            description =
                    "read the shared secret from this file (trailing newline dropped); used instead of --secret when set")
    public RelayConfigBuilder secretFile(@Nullable Path v) {
        secretFile = v == null ? null : SharedSecret.ofUtf8(Checks.read("secretFile", v));
        return this;
    }

    @Option(
            names = "--insecure-no-auth",
            order = 10,
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "false",
            description = "run WITHOUT authentication (SocketDock compatibility); logs a warning")
    public RelayConfigBuilder insecureNoAuth(boolean v) {
        insecureNoAuth = v;
        return this;
    }

    @Option(
            names = "--compat-public-callbacks",
            order = 11,
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "false",
            description = "also serve the send and disconnect callbacks on the public port, as SocketDock does")
    public RelayConfigBuilder compatPublicCallbacks(boolean v) {
        compatPublicCallbacks = v;
        return this;
    }

    @Option(
            names = "--instance-id",
            order = 12,
            paramLabel = "ID",
            description = "this instance's id in meta.instance_id and heartbeats (unset: random)")
    public RelayConfigBuilder instanceId(@Nullable String v) {
        if (v != null) {
            if (v.isEmpty() || !v.matches("[A-Za-z0-9._~-]+")) {
                throw new IllegalArgumentException("instanceId: " + v + " (expected: non-empty, URL-safe characters)");
            }
            instanceId = v;
        }
        return this;
    }

    @Option(
            names = "--heartbeat-uri",
            order = 13,
            paramLabel = "URI",
            description = "backend URI for instance heartbeats (unset: none sent)")
    public RelayConfigBuilder heartbeatUri(@Nullable URI v) {
        heartbeatUri = v == null ? null : Checks.http("heartbeatUri", v);
        return this;
    }

    @Option(
            names = "--heartbeat-interval",
            order = 14,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "time between heartbeats")
    public RelayConfigBuilder heartbeatInterval(Duration v) {
        heartbeatInterval = Checks.positive("heartbeatInterval", v);
        return this;
    }

    @Option(
            names = "--ping-interval",
            order = 15,
            paramLabel = "DURATION",
            defaultValue = "20s",
            description = "WebSocket ping interval (0: off)")
    public RelayConfigBuilder pingInterval(Duration v) {
        pingInterval = Checks.nonNegative("pingInterval", v);
        return this;
    }

    @Option(
            names = "--pong-timeout",
            order = 16,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "close (1001) when no pong within this after a ping")
    public RelayConfigBuilder pongTimeout(Duration v) {
        pongTimeout = Checks.positive("pongTimeout", v);
        return this;
    }

    @Option(
            names = "--idle-timeout",
            order = 17,
            paramLabel = "DURATION",
            defaultValue = "0",
            description = "close (1001) after this long without a data frame (0: off)")
    public RelayConfigBuilder idleTimeout(Duration v) {
        idleTimeout = Checks.nonNegative("idleTimeout", v);
        return this;
    }

    @Option(
            names = "--max-lifetime",
            order = 18,
            paramLabel = "DURATION",
            defaultValue = "0",
            description = "close (1001) connections older than this (0: off)")
    public RelayConfigBuilder maxLifetime(Duration v) {
        maxLifetime = Checks.nonNegative("maxLifetime", v);
        return this;
    }

    @Option(
            names = "--max-frame-size",
            order = 19,
            paramLabel = "BYTES",
            defaultValue = "4194304",
            description = "largest frame payload; larger closes with 1009")
    public RelayConfigBuilder maxFrameSize(int v) {
        maxFrameSize = Checks.positive("maxFrameSize", v);
        return this;
    }

    @Option(
            names = "--max-callback-body",
            order = 20,
            paramLabel = "BYTES",
            defaultValue = "4194304",
            description = "largest callback body; larger gets 413")
    public RelayConfigBuilder maxCallbackBody(int v) {
        maxCallbackBody = Checks.positive("maxCallbackBody", v);
        return this;
    }

    @Option(
            names = "--max-connections",
            order = 21,
            paramLabel = "N",
            defaultValue = "100000",
            description = "open sockets per instance; more get 503 on upgrade")
    public RelayConfigBuilder maxConnections(int v) {
        maxConnections = Checks.positive("maxConnections", v);
        return this;
    }

    @Option(
            names = "--drain-window",
            order = 22,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "on SIGTERM, close open sockets (1001) spread over this")
    public RelayConfigBuilder drainWindow(Duration v) {
        drainWindow = Checks.nonNegative("drainWindow", v);
        return this;
    }

    @Option(
            names = "--backend-timeout",
            order = 23,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "time limit of one backend POST")
    public RelayConfigBuilder backendTimeout(Duration v) {
        backendTimeout = Checks.positive("backendTimeout", v);
        return this;
    }

    @Option(
            names = "--backend-connect-timeout",
            order = 24,
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "TCP connect time limit to the backend")
    public RelayConfigBuilder backendConnectTimeout(Duration v) {
        backendConnectTimeout = Checks.positive("backendConnectTimeout", v);
        return this;
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
        return this;
    }

    @Option(
            names = "--backend-pool-size",
            order = 26,
            paramLabel = "N",
            defaultValue = "64",
            description = "keep-alive connections per backend host")
    public RelayConfigBuilder backendPoolSize(int v) {
        backendPoolSize = Checks.positive("backendPoolSize", v);
        return this;
    }

    @Option(
            names = "--dispatch-queue-size",
            order = 27,
            paramLabel = "N",
            defaultValue = "64",
            description = "backend POSTs waiting per socket; more closes with 1013")
    public RelayConfigBuilder dispatchQueueSize(int v) {
        dispatchQueueSize = Checks.positive("dispatchQueueSize", v);
        return this;
    }

    @Option(
            names = "--write-buffer-high",
            order = 28,
            paramLabel = "BYTES",
            defaultValue = "65536",
            description =
                    "outbound buffer high-water mark per socket; over it the send callback gets 503 (low mark = half)")
    public RelayConfigBuilder writeBufferHigh(int v) {
        if (v < 2) {
            throw new IllegalArgumentException("writeBufferHigh: " + v + " (expected: >= 2)");
        }
        writeBufferHigh = v;
        writeBufferLow = v / 2;
        return this;
    }

    @Option(
            names = "--event-loop-threads",
            order = 29,
            paramLabel = "N",
            defaultValue = "0",
            description = "Netty event loop threads (0: Netty's default, 2 x cores)")
    public RelayConfigBuilder eventLoopThreads(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("eventLoopThreads: " + v + " (expected: >= 0)");
        }
        eventLoopThreads = v;
        return this;
    }

    /** @throws IllegalArgumentException or NullPointerException naming the missing or bad value */
    public RelayConfig build() {
        return new RelayConfig(
                bindIp,
                bindPort,
                internalIp == null ? bindIp : internalIp,
                internalPort,
                endpoint,
                Objects.requireNonNull(
                        messageUri, "messageUri: missing (expected: --message-uri or SOCKETDOCK_MESSAGE_URI)"),
                disconnectUri,
                connectUri,
                heartbeatUri,
                heartbeatInterval,
                instanceId,
                secretFile != null ? secretFile : secret,
                insecureNoAuth,
                compatPublicCallbacks,
                pingInterval,
                pongTimeout,
                idleTimeout,
                maxLifetime,
                maxFrameSize,
                maxCallbackBody,
                maxConnections,
                drainWindow,
                backendTimeout,
                backendConnectTimeout,
                backendRetries,
                backendPoolSize,
                dispatchQueueSize,
                writeBufferLow,
                writeBufferHigh,
                eventLoopThreads);
    }
}
