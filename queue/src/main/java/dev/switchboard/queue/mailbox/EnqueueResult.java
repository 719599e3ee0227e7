package dev.switchboard.queue.mailbox;

/** The outcome of {@link Mailboxes#enqueue}: stored, duplicate, or rejected by the cap. */
public sealed interface EnqueueResult {

    /** True if the message is in the mailbox or was already delivered: the sender may be answered. */
    default boolean accepted() {
        return !(this instanceof Full);
    }

    /**
     * The message was stored.
     *
     * @param pendingCount pending messages of the recipient after this one was stored
     */
    record Stored(long pendingCount) implements EnqueueResult {}

    /** The message id was stored before (pending, in flight, or acknowledged recently): nothing done. */
    record Duplicate() implements EnqueueResult {}

    /**
     * The recipient's cap is reached: nothing stored. The mediator answers a problem report with
     * {@link MailboxFullException#PROBLEM_CODE}; {@link Full#toException(String)} builds the typed error.
     *
     * @param limit which limit
     * @param storedCount messages stored for the recipient (pending and in flight)
     * @param storedBytes their bytes
     * @param maxCount the count cap
     * @param maxBytes the byte cap
     */
    record Full(Limit limit, long storedCount, long storedBytes, long maxCount, long maxBytes)
            implements EnqueueResult {

        /** The typed error carrying the problem code. */
        public MailboxFullException toException(String recipient) {
            return new MailboxFullException(recipient, this);
        }
    }

    /** Which cap rejected a message. */
    enum Limit {
        /** Too many messages. */
        COUNT,
        /** Too many bytes. */
        BYTES
    }
}
