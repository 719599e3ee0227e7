package dev.switchboard.socketdock.relay.backend;

/**
 * A backend's answer to one POST attempt: only the status matters to the relay (bodies are
 * discarded, never logged).
 *
 * @param status the HTTP status code
 */
public record BackendResponse(int status) {
    /** 2xx. */
    public boolean success() {
        return status >= 200 && status < 300;
    }

    /** Worth another attempt with the same idempotency key: 408, 429, 5xx. */
    public boolean retryable() {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The backend says it is overloaded: 429 or 503. */
    public boolean overloaded() {
        return status == 429 || status == 503;
    }
}
