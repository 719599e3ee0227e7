package dev.switchboard.queue.mailbox;

import java.time.Instant;

/**
 * A record left when a message was dropped without delivery, for operators to list.
 *
 * @param messageId the dropped message's id
 * @param recipient the recipient it was for
 * @param reason why it was dropped
 * @param size its size in bytes (the bytes are kept with the record, so {@link MailboxAdmin#requeueDeadLetter}
 *     can put it back; never shown)
 * @param receivedAt when it was received
 * @param droppedAt when it was dropped
 */
public record DeadLetter(
        String messageId, String recipient, Reason reason, long size, Instant receivedAt, Instant droppedAt) {

    /** Why a message was dropped. */
    public enum Reason {
        /** Its expiry time (DIDComm v2 {@code expires_time} or the mailbox's time to live) passed. */
        EXPIRED
    }
}
