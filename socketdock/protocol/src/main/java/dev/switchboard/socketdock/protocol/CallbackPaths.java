package dev.switchboard.socketdock.protocol;

import java.util.Optional;

/**
 * The relay's callback paths, as SocketDock defines them: {@code POST /socket/{id}/send} (the body
 * becomes one frame) and {@code POST /socket/{id}/disconnect} (close 1000).
 */
public final class CallbackPaths {
    /** Path prefix of every callback. */
    public static final String PREFIX = "/socket/";

    /** Last segment of the send callback. */
    public static final String SEND = "send";

    /** Last segment of the disconnect callback. */
    public static final String DISCONNECT = "disconnect";

    private CallbackPaths() {}

    /** {@code <endpoint>/socket/<id>/send}; {@code endpoint} is a base URI without trailing slash. */
    public static String sendUri(String endpoint, String connectionId) {
        return stripSlash(endpoint) + PREFIX + connectionId + "/" + SEND;
    }

    /** {@code <endpoint>/socket/<id>/disconnect}; {@code endpoint} is a base URI without trailing slash. */
    public static String disconnectUri(String endpoint, String connectionId) {
        return stripSlash(endpoint) + PREFIX + connectionId + "/" + DISCONNECT;
    }

    /**
     * Parses a callback request path (no query).
     *
     * @return the callback, or empty when the path is not {@code /socket/<id>/send|disconnect}
     */
    public static Optional<Callback> parse(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String id = rest.substring(0, slash);
        return switch (rest.substring(slash + 1)) {
            case SEND -> Optional.of(new Callback(Callback.Kind.SEND, id));
            case DISCONNECT -> Optional.of(new Callback(Callback.Kind.DISCONNECT, id));
            default -> Optional.empty();
        };
    }

    private static String stripSlash(String endpoint) {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /**
     * A parsed callback path.
     *
     * @param kind which callback
     * @param connectionId the target socket's id
     */
    public record Callback(Kind kind, String connectionId) {
        /** The two callbacks. */
        public enum Kind {
            /** {@code POST /socket/{id}/send}. */
            SEND,
            /** {@code POST /socket/{id}/disconnect}. */
            DISCONNECT
        }
    }
}
