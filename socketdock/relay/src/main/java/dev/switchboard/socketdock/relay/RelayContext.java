package dev.switchboard.socketdock.relay;

import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.relay.backend.BackendDispatcher;
import dev.switchboard.socketdock.relay.connection.AddressLimits;
import dev.switchboard.socketdock.relay.connection.ConnectionRegistry;
import dev.switchboard.socketdock.relay.metrics.RelayMetrics;
import dev.switchboard.socketdock.relay.tracing.FrameTracing;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the handlers of one relay instance share: its configuration, sockets, metrics, tracing, backend
 * dispatcher, callback verifier, the callback base URI and the draining flag. Thread-safe.
 *
 * @param config the configuration
 * @param endpoint the callback base URI actually used (configured or derived from the bound port)
 * @param registry the open sockets
 * @param addressLimits the per client address limits of the public listener
 * @param metrics the metrics
 * @param tracing the frame spans (no-ops unless an OpenTelemetry SDK is registered)
 * @param dispatcher posts events to the backend
 * @param verifier checks callback tokens
 * @param draining set once a drain has begun: readiness 503, upgrades refused
 * @param startedAt when this instance started
 */
public record RelayContext(
        RelayConfig config,
        String endpoint,
        ConnectionRegistry registry,
        AddressLimits addressLimits,
        RelayMetrics metrics,
        FrameTracing tracing,
        BackendDispatcher dispatcher,
        RequestVerifier verifier,
        AtomicBoolean draining,
        Instant startedAt) {

    /** Whether a drain has begun. */
    public boolean isDraining() {
        return draining.get();
    }
}
