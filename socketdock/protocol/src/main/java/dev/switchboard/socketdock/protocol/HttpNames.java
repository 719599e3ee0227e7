package dev.switchboard.socketdock.protocol;

/**
 * HTTP header names and values shared by the relay and its backends.
 *
 * <p>Every backend POST and every callback carries {@code Authorization: Bearer <jwt>} (RFC 6750
 * section 2.1) built by {@link dev.switchboard.socketdock.protocol.auth.RequestSigner}. Every
 * message POST carries an {@link #IDEMPOTENCY_KEY} (see {@link IdempotencyKey}) so a backend can
 * recognise a retry.
 */
public final class HttpNames {
    /** {@code Authorization} (RFC 9110 section 11.6.2). */
    public static final String AUTHORIZATION = "Authorization";

    /** The bearer scheme prefix, with its trailing space (RFC 6750 section 2.1). */
    public static final String BEARER_PREFIX = "Bearer ";

    /**
     * {@code Idempotency-Key}: {@code <instance_id>:<connection_id>:<seq>} on message POSTs (the
     * IETF httpapi draft's header name).
     */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** {@code Retry-After} in seconds, on 503 answers to the {@code send} callback (RFC 9110 section 10.2.3). */
    public static final String RETRY_AFTER = "Retry-After";

    /** {@code Content-Type} of every event POST. */
    public static final String APPLICATION_JSON = "application/json";

    /** The {@code send} callback's content type that yields a text frame; anything else is binary. */
    public static final String TEXT_PLAIN = "text/plain";

    private HttpNames() {}
}
