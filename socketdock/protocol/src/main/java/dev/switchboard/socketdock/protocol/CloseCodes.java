package dev.switchboard.socketdock.protocol;

/**
 * WebSocket close codes the relay uses, with their registered names (RFC 6455 section 7.4.1 and
 * the IANA "WebSocket Close Code Number Registry"), and what each means here. They appear on the
 * wire in close frames and in {@link DisconnectEvent#closeCode()}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1">RFC 6455 section 7.4.1</a>
 */
public final class CloseCodes {
    /** 1000 Normal Closure: the client closed, or the backend called {@code disconnect}. */
    public static final int NORMAL_CLOSURE = 1000;

    /** 1001 Going Away: the relay is draining (shutdown), or max lifetime / idle timeout reached. */
    public static final int GOING_AWAY = 1001;

    /** 1002 Protocol Error: the client broke RFC 6455. */
    public static final int PROTOCOL_ERROR = 1002;

    /** 1005 No Status Received: reported (never sent) when a close frame carried no code. */
    public static final int NO_STATUS_RECEIVED = 1005;

    /** 1006 Abnormal Closure: reported (never sent) when the TCP connection ended without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    /** 1007 Invalid Frame Payload Data: a text frame that is not UTF-8. */
    public static final int INVALID_FRAME_PAYLOAD_DATA = 1007;

    /** 1008 Policy Violation: the backend answered the connect with a non-2xx status; or no pong in time. */
    public static final int POLICY_VIOLATION = 1008;

    /** 1009 Message Too Big: a frame over the maximum frame size. */
    public static final int MESSAGE_TOO_BIG = 1009;

    /** 1011 Internal Error: the backend could not take a message after all retries. */
    public static final int INTERNAL_ERROR = 1011;

    /** 1013 Try Again Later: the socket's dispatch queue is full (backend overloaded). */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {}
}
