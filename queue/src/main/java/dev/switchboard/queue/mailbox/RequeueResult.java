package dev.switchboard.queue.mailbox;

/**
 * The outcome of {@link MailboxAdmin#requeueDeadLetter}.
 *
 * @param outcome what happened
 * @param pendingCount pending messages of the recipient afterwards when {@link Outcome#REQUEUED}, else 0
 */
public record RequeueResult(Outcome outcome, long pendingCount) {

    /** What a requeue did. */
    public enum Outcome {
        /** The message is pending again. */
        REQUEUED,
        /** No dead letter with this id, or its bytes are no longer kept. */
        NOT_FOUND,
        /** A message with this id is stored in the mailbox: nothing done. */
        ALREADY_STORED,
        /** The recipient's cap (count) rejects it: nothing done. */
        FULL_COUNT,
        /** The recipient's cap (bytes) rejects it: nothing done. */
        FULL_BYTES
    }
}
