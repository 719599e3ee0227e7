package dev.switchboard.socketdock.relay.backend;

/**
 * A backend POST found no pooled connection: {@code --backend-max-pending} POSTs were already waiting for one,
 * or none came free within {@code --backend-pool-wait}. The backend is overloaded from where the relay stands:
 * the event fails at once, without retries ({@link Outcome.Kind#OVERLOADED}, the socket closes with 1013), and
 * counts as {@code socketdock_backend_errors_total{status="pool_full"}}.
 */
public final class PoolExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoolExhaustedException(Throwable cause) {
        super("no backend connection free: " + cause.getMessage(), cause, false, false);
    }
}
