package dev.switchboard.socketdock.relay;

import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything the relay is configured with. Built by {@link Builder} (which checks each value) or
 * parsed from SocketDock's flags and our own by {@link RelayOptions}. Durations of zero mean "off"
 * where noted.
 *
 * @param bindIp public listener address (SocketDock's {@code --bindip})
 * @param bindPort public listener port, 0 for any (SocketDock's {@code --bindport})
 * @param internalIp internal listener address (callbacks, health, metrics)
 * @param internalPort internal listener port, 0 for any
 * @param endpoint this instance's base URI for callbacks as backends reach it, or null to derive it
 *     from the bound internal (or, in compatibility mode, public) address
 * @param messageUri backend URI for messages (required)
 * @param disconnectUri backend URI for disconnect notices, or null for none
 * @param connectUri backend URI for connect events, or null for none
 * @param heartbeatUri backend URI for instance heartbeats, or null for none
 * @param heartbeatInterval time between heartbeats
 * @param instanceId this instance's id in {@code meta.instance_id} and heartbeats
 * @param secret the shared HS256 secret, or null only together with {@code insecureNoAuth}
 * @param insecureNoAuth explicit opt-out of authentication (SocketDock compatibility)
 * @param compatPublicCallbacks also serve the callbacks on the public port, as SocketDock does
 * @param pingInterval WebSocket ping interval, zero for off
 * @param pongTimeout close when no pong arrives this long after a ping
 * @param idleTimeout close after this long without a data frame either way, zero for off
 * @param maxLifetime close connections older than this, zero for off
 * @param maxFrameSize largest accepted frame payload in bytes (larger: close 1009)
 * @param maxCallbackBody largest accepted callback body in bytes (larger: 413)
 * @param maxConnections open sockets per instance (more: upgrade refused with 503)
 * @param drainWindow time over which open sockets are closed on SIGTERM
 * @param backendTimeout time limit for one backend POST, from write to full response
 * @param backendConnectTimeout TCP connect time limit towards the backend
 * @param backendRetries retries after the first attempt of a backend POST
 * @param backendPoolSize pooled keep-alive connections per backend host
 * @param dispatchQueueSize backend POSTs waiting per socket (more: close 1013)
 * @param writeBufferLow outbound buffer low-water mark per socket, bytes
 * @param writeBufferHigh outbound buffer high-water mark per socket, bytes (over it: send callback 503)
 * @param eventLoopThreads event loop threads, 0 for Netty's default (2 x cores)
 */
public record RelayConfig(
        String bindIp,
        int bindPort,
        String internalIp,
        int internalPort,
        @Nullable URI endpoint,
        URI messageUri,
        @Nullable URI disconnectUri,
        @Nullable URI connectUri,
        @Nullable URI heartbeatUri,
        Duration heartbeatInterval,
        String instanceId,
        @Nullable SharedSecret secret,
        boolean insecureNoAuth,
        boolean compatPublicCallbacks,
        Duration pingInterval,
        Duration pongTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        int maxFrameSize,
        int maxCallbackBody,
        int maxConnections,
        Duration drainWindow,
        Duration backendTimeout,
        Duration backendConnectTimeout,
        int backendRetries,
        int backendPoolSize,
        int dispatchQueueSize,
        int writeBufferLow,
        int writeBufferHigh,
        int eventLoopThreads) {

    /** Checks the combination rules the builder cannot check field by field. */
    public RelayConfig {
        Objects.requireNonNull(messageUri, "messageUri: missing (expected: --message-uri or SOCKETDOCK_MESSAGE_URI)");
        if (secret == null && !insecureNoAuth) {
            throw new IllegalArgumentException(
                    "secret: missing (expected: --secret / SOCKETDOCK_SECRET, or --insecure-no-auth to run without authentication)");
        }
        if (writeBufferLow > writeBufferHigh) {
            throw new IllegalArgumentException(
                    "writeBufferLow: " + writeBufferLow + " (expected: <= writeBufferHigh " + writeBufferHigh + ")");
        }
    }

    /** A builder with the documented defaults; only {@code messageUri} and a secret (or the opt-out) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RelayConfig}; each setter checks its argument. */
    public static final class Builder {
        String bindIp = "127.0.0.1";
        int bindPort = 8765;

        @Nullable
        String internalIp;

        int internalPort = 8766;

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

        Duration heartbeatInterval = Duration.ofSeconds(10);
        String instanceId = Ids.newInstanceId();

        @Nullable
        SharedSecret secret;

        boolean insecureNoAuth;
        boolean compatPublicCallbacks;
        Duration pingInterval = Duration.ofSeconds(20);
        Duration pongTimeout = Duration.ofSeconds(10);
        Duration idleTimeout = Duration.ZERO;
        Duration maxLifetime = Duration.ZERO;
        int maxFrameSize = 4 * 1024 * 1024;
        int maxCallbackBody = 4 * 1024 * 1024;
        int maxConnections = 100_000;
        Duration drainWindow = Duration.ofSeconds(10);
        Duration backendTimeout = Duration.ofSeconds(10);
        Duration backendConnectTimeout = Duration.ofSeconds(2);
        int backendRetries = 2;
        int backendPoolSize = 64;
        int dispatchQueueSize = 64;
        int writeBufferLow = 32 * 1024;
        int writeBufferHigh = 64 * 1024;
        int eventLoopThreads;

        Builder() {}

        public Builder bindIp(String v) {
            bindIp = Objects.requireNonNull(v, "bindIp");
            return this;
        }

        public Builder bindPort(int v) {
            bindPort = port("bindPort", v);
            return this;
        }

        public Builder internalIp(String v) {
            internalIp = Objects.requireNonNull(v, "internalIp");
            return this;
        }

        public Builder internalPort(int v) {
            internalPort = port("internalPort", v);
            return this;
        }

        public Builder endpoint(@Nullable URI v) {
            endpoint = v;
            return this;
        }

        public Builder messageUri(URI v) {
            messageUri = http("messageUri", v);
            return this;
        }

        public Builder disconnectUri(@Nullable URI v) {
            disconnectUri = v == null ? null : http("disconnectUri", v);
            return this;
        }

        public Builder connectUri(@Nullable URI v) {
            connectUri = v == null ? null : http("connectUri", v);
            return this;
        }

        public Builder heartbeatUri(@Nullable URI v) {
            heartbeatUri = v == null ? null : http("heartbeatUri", v);
            return this;
        }

        public Builder heartbeatInterval(Duration v) {
            heartbeatInterval = positive("heartbeatInterval", v);
            return this;
        }

        public Builder instanceId(String v) {
            if (v.isEmpty() || !v.matches("[A-Za-z0-9._~-]+")) {
                throw new IllegalArgumentException("instanceId: " + v + " (expected: non-empty, URL-safe characters)");
            }
            instanceId = v;
            return this;
        }

        public Builder secret(@Nullable SharedSecret v) {
            secret = v;
            return this;
        }

        public Builder insecureNoAuth(boolean v) {
            insecureNoAuth = v;
            return this;
        }

        public Builder compatPublicCallbacks(boolean v) {
            compatPublicCallbacks = v;
            return this;
        }

        public Builder pingInterval(Duration v) {
            pingInterval = nonNegative("pingInterval", v);
            return this;
        }

        public Builder pongTimeout(Duration v) {
            pongTimeout = positive("pongTimeout", v);
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = nonNegative("idleTimeout", v);
            return this;
        }

        public Builder maxLifetime(Duration v) {
            maxLifetime = nonNegative("maxLifetime", v);
            return this;
        }

        public Builder maxFrameSize(int v) {
            maxFrameSize = positive("maxFrameSize", v);
            return this;
        }

        public Builder maxCallbackBody(int v) {
            maxCallbackBody = positive("maxCallbackBody", v);
            return this;
        }

        public Builder maxConnections(int v) {
            maxConnections = positive("maxConnections", v);
            return this;
        }

        public Builder drainWindow(Duration v) {
            drainWindow = nonNegative("drainWindow", v);
            return this;
        }

        public Builder backendTimeout(Duration v) {
            backendTimeout = positive("backendTimeout", v);
            return this;
        }

        public Builder backendConnectTimeout(Duration v) {
            backendConnectTimeout = positive("backendConnectTimeout", v);
            return this;
        }

        public Builder backendRetries(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("backendRetries: " + v + " (expected: >= 0)");
            }
            backendRetries = v;
            return this;
        }

        public Builder backendPoolSize(int v) {
            backendPoolSize = positive("backendPoolSize", v);
            return this;
        }

        public Builder dispatchQueueSize(int v) {
            dispatchQueueSize = positive("dispatchQueueSize", v);
            return this;
        }

        public Builder writeBufferWaterMarks(int low, int high) {
            writeBufferLow = positive("writeBufferLow", low);
            writeBufferHigh = positive("writeBufferHigh", high);
            return this;
        }

        public Builder eventLoopThreads(int v) {
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
                    secret,
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

        private static int port(String name, int v) {
            if (v < 0 || v > 65535) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: 0..65535)");
            }
            return v;
        }

        private static int positive(String name, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
            }
            return v;
        }

        private static Duration positive(String name, Duration v) {
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
            }
            return v;
        }

        private static Duration nonNegative(String name, Duration v) {
            if (v.isNegative()) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: >= 0)");
            }
            return v;
        }

        private static URI http(String name, URI v) {
            String scheme = v.getScheme();
            if (!"http".equalsIgnoreCase(scheme) || v.getHost() == null) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: an absolute http:// URI)");
            }
            return v;
        }
    }
}
