package dev.switchboard.socketdock.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A request body that is not one of SocketDock's JSON shapes (not JSON, or a required field
 * missing). A backend maps it to HTTP 400.
 */
public final class MalformedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** HTTP status a receiver answers with. */
    public static final int HTTP_STATUS = 400;

    /** Wraps the parser's complaint. */
    public MalformedEventException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
