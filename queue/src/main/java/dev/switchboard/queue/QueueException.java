package dev.switchboard.queue;

import org.jspecify.annotations.Nullable;

/**
 * The store behind a port failed (unreachable, timed out, answered an error). Carries the DIDComm
 * problem code the mediator answers with: {@value #STORE_PROBLEM_CODE} (a resource is unavailable;
 * the sender may retry), unless a subclass says otherwise (<a
 * href="https://identity.foundation/didcomm-messaging/spec/#problem-codes">DIDComm v2 problem
 * codes</a>).
 */
public class QueueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Problem code for a store failure. */
    public static final String STORE_PROBLEM_CODE = "e.p.me.res";

    /** Creates the error. */
    public QueueException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** The DIDComm problem-report code this error maps to. */
    public String problemCode() {
        return STORE_PROBLEM_CODE;
    }
}
