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
 * @param secret the HS256 secret (shared, or this relay's own under {@code keyId}), or null only together with
 *     {@code insecureNoAuth}
 * @param keyId this relay's own key id (JWT {@code kid}, = {@code instanceId}), or null for the shared secret
 * @param insecureNoAuth explicit opt-out of authentication (SocketDock compatibility)
 * @param compatPublicCallbacks also serve the callbacks on the public port, as SocketDock does
 * @param pingInterval WebSocket ping interval, zero for off
 * @param pongTimeout close when no pong arrives this long after a ping
 * @param idleTimeout close after this long without a data frame either way, zero for off
 * @param maxLifetime close connections older than this, zero for off
 * @param handshakeTimeout close a public TCP connection whose WebSocket upgrade has not completed within this
 * @param maxFrameSize largest accepted frame payload in bytes (larger: close 1009)
 * @param maxCallbackBody largest accepted callback body in bytes (larger: 413)
 * @param maxConnections public TCP connections per instance, upgraded or not (more: upgrade refused with 503)
 * @param maxSocketsPerAddress public TCP connections per client IP address, 0 for no limit (more: 503)
 * @param maxSocketRatePerAddress new public TCP connections per second per client IP address, 0 for no limit
 *     (more: 503)
 * @param addressTableSize client addresses tracked for the per-address limits
 * @param drainWindow time over which open sockets are closed on SIGTERM
 * @param backendTimeout time limit for one backend POST, from write to full response
 * @param backendConnectTimeout TCP connect time limit towards the backend
 * @param backendRetries retries after the first attempt of a backend POST
 * @param backendPoolSize pooled keep-alive connections per backend host
 * @param backendPoolWait longest wait for a pooled backend connection (then the POST fails: close 1013)
 * @param backendMaxPending POSTs waiting for a pooled connection per backend host (more fail at once: close 1013)
 * @param dispatchQueueSize backend POSTs waiting per socket (more: close 1013)
 * @param dispatchQueueBytes body bytes of the backend POSTs waiting per socket; the first always fits (more:
 *     close 1013)
 * @param writeBufferLow outbound buffer low-water mark per socket, bytes
 * @param writeBufferHigh outbound buffer high-water mark per socket, bytes (over it: send callback 503)
 * @param eventLoopThreads event loop threads, 0 for Netty's default (2 x cores)
 * @param otlpEndpoint OTLP/HTTP base URI spans are exported to, or null for no tracing SDK (spans then go to
 *     whatever {@code GlobalOpenTelemetry} holds: no-ops unless an agent registered one)
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
        @Nullable String keyId,
        boolean insecureNoAuth,
        boolean compatPublicCallbacks,
        Duration pingInterval,
        Duration pongTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        Duration handshakeTimeout,
        int maxFrameSize,
        int maxCallbackBody,
        int maxConnections,
        int maxSocketsPerAddress,
        int maxSocketRatePerAddress,
        int addressTableSize,
        Duration drainWindow,
        Duration backendTimeout,
        Duration backendConnectTimeout,
        int backendRetries,
        int backendPoolSize,
        Duration backendPoolWait,
        int backendMaxPending,
        int dispatchQueueSize,
        int dispatchQueueBytes,
        int writeBufferLow,
        int writeBufferHigh,
        int eventLoopThreads,
        @Nullable URI otlpEndpoint) {

    /** Checks the combination rules the builder cannot check field by field. */
    public RelayConfig {
        Objects.requireNonNull(messageUri, "messageUri: missing (expected: --message-uri or SOCKETDOCK_MESSAGE_URI)");
        if (secret == null && !insecureNoAuth) {
            throw new IllegalArgumentException(
                    "secret: missing (expected: --secret / SOCKETDOCK_SECRET, or --insecure-no-auth to run without authentication)");
        }
        if (keyId != null && secret == null) {
            throw new IllegalArgumentException("keyId: " + keyId + " (expected: with --secret or --secret-file)");
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
