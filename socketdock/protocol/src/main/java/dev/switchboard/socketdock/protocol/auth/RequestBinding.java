package dev.switchboard.socketdock.protocol.auth;

import dev.switchboard.socketdock.protocol.CallbackPaths;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * What a request token binds besides method, path and body: the request's {@code Idempotency-Key} header
 * and the SocketDock {@code connection_id} the request is about (claims {@link RequestClaims#IDEMPOTENCY_KEY}
 * and {@link RequestClaims#CONNECTION_ID}).
 *
 * <p>On the verifier's side, {@code idempotencyKey} is always compared (a token signed without one is refused
 * on a request carrying one, and the other way round), so a captured token cannot claim another key. {@code
 * connectionId} is compared when the verifier knows it (a callback's path); a receiver that learns it only by
 * parsing the body passes null and compares {@link Verification.Valid#connectionId()} afterwards.
 *
 * @param idempotencyKey the {@code Idempotency-Key} header value, or null when the request has none
 * @param connectionId the socket the request is about, or null (heartbeats; or not known yet to a verifier)
 */
public record RequestBinding(
        @Nullable String idempotencyKey, @Nullable String connectionId) {
    /** Binds neither (heartbeats). */
    public static final RequestBinding NONE = new RequestBinding(null, null);

    /** A request about one socket, without an idempotency key (connect, disconnect, callbacks). */
    public static RequestBinding connection(String connectionId) {
        return new RequestBinding(null, connectionId);
    }

    /**
     * The binding of a callback to {@code target}: its connection id when the path is {@code
     * /socket/{id}/send|disconnect} ({@link CallbackPaths}), else {@link #NONE}.
     */
    public static RequestBinding ofCallback(URI target) {
        String path = target.getRawPath();
        return path == null
                ? NONE
                : CallbackPaths.parse(path)
                        .map(c -> connection(c.connectionId()))
                        .orElse(NONE);
    }
}
