package dev.switchboard.socketdock.relay.backend;

/**
 * The final result of one backend event after its retries.
 *
 * @param kind what happened
 * @param status the last HTTP status, or 0 when the last attempt got no response (timeout, I/O)
 * @param detail a short description for logs (never a body)
 */
public record Outcome(Kind kind, int status, String detail) {
    /** The four ways a backend event ends. */
    public enum Kind {
        /** A 2xx answer. */
        DELIVERED,
        /** A non-retryable non-2xx answer (4xx other than 408/429): the backend refuses this event. */
        REJECTED,
        /**
         * Retries exhausted on 429/503, or no pooled connection free ({@link PoolExhaustedException}, not
         * retried): the backend is overloaded (close 1013).
         */
        OVERLOADED,
        /** Retries exhausted on timeouts, I/O errors or other 5xx (close 1011). */
        FAILED
    }

    /** Whether the backend took the event. */
    public boolean delivered() {
        return kind == Kind.DELIVERED;
    }
}
