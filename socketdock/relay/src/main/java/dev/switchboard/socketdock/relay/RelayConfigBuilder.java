package dev.switchboard.socketdock.relay;

import java.util.Objects;

/**
 * Builder for {@link RelayConfig}, and the declaration of every flag. The setters are split by concern along a
 * sealed chain: {@link ListenerOptions} (listeners, instance), {@link BackendOptions} (backend URIs, client,
 * dispatch queue), {@link AuthOptions} (secret, key id, tracing export) and {@link LimitOptions} (timers, sizes,
 * socket counts). Each setter is a picocli option (name, default, help text; {@link RelayOptions} adds its
 * {@code SOCKETDOCK_*} variable) and checks its argument, naming the field in its message.
 */
public final class RelayConfigBuilder extends LimitOptions {
    RelayConfigBuilder() {}

    /** @throws IllegalArgumentException or NullPointerException naming the missing or bad value */
    public RelayConfig build() {
        if (keyId != null && instanceIdSet && !keyId.equals(instanceId)) {
            throw new IllegalArgumentException("keyId: " + keyId + " (expected: = instanceId " + instanceId
                    + ": the mediator accepts a kid only from the instance of that id)");
        }
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
                keyId != null && !instanceIdSet ? keyId : instanceId,
                secretFile != null ? secretFile : secret,
                keyId,
                insecureNoAuth,
                compatPublicCallbacks,
                pingInterval,
                pongTimeout,
                idleTimeout,
                maxLifetime,
                handshakeTimeout,
                maxFrameSize,
                maxCallbackBody,
                maxConnections,
                maxSocketsPerAddress,
                maxSocketRatePerAddress,
                addressTableSize,
                drainWindow,
                backendTimeout,
                backendConnectTimeout,
                backendRetries,
                backendPoolSize,
                backendPoolWait,
                backendMaxPending,
                dispatchQueueSize,
                dispatchQueueBytes,
                writeBufferLow,
                writeBufferHigh,
                eventLoopThreads,
                otlpEndpoint);
    }
}
