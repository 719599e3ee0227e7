package dev.switchboard.queue.mailbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One message handed out for delivery by {@link Mailboxes#reserve}; it stays in the mailbox, in
 * flight, until acknowledged, released or its lease ends.
 *
 * @param messageId the id given at enqueue
 * @param message the stored bytes (not copied; do not modify)
 * @param receivedAt when the mediator received it
 * @param expiresAt when it will be dropped, or {@code null} if never
 * @param attempt 1 for the first delivery attempt, 2 and more for redeliveries
 * @param owner the owner given in the request
 * @param leaseUntil when it returns to pending unless acknowledged or released
 */
public record Delivery(
        String messageId,
        byte[] message,
        Instant receivedAt,
        @Nullable Instant expiresAt,
        int attempt,
        String owner,
        Instant leaseUntil) {

    /** True if an earlier attempt handed out this message and did not end in an acknowledgement. */
    public boolean redelivered() {
        return attempt > 1;
    }
}
