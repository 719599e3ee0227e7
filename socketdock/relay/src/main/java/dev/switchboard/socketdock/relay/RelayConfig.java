package dev.switchboard.socketdock.relay;

import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything the relay is configured with. Built by {@link RelayConfigBuilder}, whose setters are also the
 * relay's flags (checked there), or parsed from flags and environment by {@link RelayOptions}. Durations of zero mean "off"
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

    /**
     * A builder holding the documented defaults (those of the flags below, applied by picocli); only
     * {@code messageUri} and a secret (or the opt-out) are required.
     */
    public static RelayConfigBuilder builder() {
        return RelayOptions.withDefaults(new RelayConfigBuilder());
    }
}
