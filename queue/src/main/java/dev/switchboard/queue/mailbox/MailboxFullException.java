package dev.switchboard.queue.mailbox;

import dev.switchboard.queue.QueueException;

/**
 * A recipient's mailbox reached its cap. Thrown by callers that prefer an exception to the {@link
 * EnqueueResult.Full} result; carries the DIDComm problem code it maps to.
 */
public final class MailboxFullException extends QueueException {

    private static final long serialVersionUID = 1L;

    /**
     * Problem code {@code e.p.me.res.storage}: error, protocol scope, resource storage exhausted (<a
     * href="https://identity.foundation/didcomm-messaging/spec/#problem-codes">DIDComm v2 problem
     * codes</a>).
     */
    public static final String PROBLEM_CODE = "e.p.me.res.storage";

    private final String recipient;
    private final EnqueueResult.Full full;

    /** Creates the error for a recipient's rejection. */
    public MailboxFullException(String recipient, EnqueueResult.Full full) {
        super(
                "mailbox full for %s: %s limit (stored %d messages, %d bytes; caps %d messages, %d bytes)"
                        .formatted(
                                recipient,
                                full.limit(),
                                full.storedCount(),
                                full.storedBytes(),
                                full.maxCount(),
                                full.maxBytes()),
                null);
        this.recipient = recipient;
        this.full = full;
    }

    /** The recipient whose mailbox is full. */
    public String recipient() {
        return recipient;
    }

    /** The figures of the rejection. */
    public EnqueueResult.Full full() {
        return full;
    }

    @Override
    public String problemCode() {
        return PROBLEM_CODE;
    }
}
