package dev.switchboard.socketdock.relay.connection;

/**
 * The lifecycle of a relayed socket, as a closed set of states with explicit transitions
 * (after Kroxylicious's connection states). An illegal transition does not compile: each state has methods for
 * its allowed transitions only ({@code toClosed} is on all of them, and {@link Closed} stays Closed).
 *
 * <pre>
 * Handshaking --toOpen--&gt; Open --toDraining--&gt; Draining
 *      \                     \                       \
 *       +------toClosed-------+--------toClosed-------+--&gt; Closed (terminal)
 * </pre>
 */
public sealed interface ConnectionState {
    /** Moves to {@link Closed} with the close code and reason that end this socket; Closed stays Closed. */
    default ConnectionState toClosed(int code, String reason) {
        return new Closed(code, reason);
    }

    /** Whether frames may still be written to the client. */
    default boolean writable() {
        return false;
    }

    /** The HTTP upgrade is in progress. */
    record Handshaking() implements ConnectionState {
        /** The handshake completed. @param openedAtNanos {@link System#nanoTime()} at open */
        public Open toOpen(long openedAtNanos) {
            return new Open(openedAtNanos);
        }
    }

    /**
     * The socket relays frames both ways.
     *
     * @param openedAtNanos {@link System#nanoTime()} when the handshake completed
     */
    record Open(long openedAtNanos) implements ConnectionState {
        /** The instance is draining; this socket will be closed with 1001 within the drain window. */
        public Draining toDraining() {
            return new Draining(openedAtNanos);
        }

        @Override
        public boolean writable() {
            return true;
        }
    }

    /**
     * The instance drains: the socket still relays until its scheduled close.
     *
     * @param openedAtNanos {@link System#nanoTime()} when the handshake completed
     */
    record Draining(long openedAtNanos) implements ConnectionState {
        @Override
        public boolean writable() {
            return true;
        }
    }

    /**
     * Terminal: the close code and reason the socket ended with (RFC 6455 section 7.4; 1006 when the
     * TCP connection ended without a close frame).
     *
     * @param code the close code
     * @param reason the close reason, possibly empty
     */
    record Closed(int code, String reason) implements ConnectionState {
        @Override
        public ConnectionState toClosed(int code, String reason) {
            return this;
        }
    }
}
