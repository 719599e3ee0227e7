package dev.switchboard.queue.mailbox;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The totals of all mailboxes.
 *
 * @param kept false when the adapter does not keep totals (Redis Cluster): every other field is then 0
 *     or null
 * @param storedCount messages stored (pending and in flight) in all mailboxes
 * @param storedBytes their bytes
 * @param oldestPending receipt time of the oldest pending message of any mailbox, null when none
 * @param mailboxesPending how many mailboxes hold a pending message
 */
public record MailboxTotals(
        boolean kept,
        long storedCount,
        long storedBytes,
        @Nullable Instant oldestPending,
        long mailboxesPending) {

    /** Totals of an adapter that keeps none. */
    public static final MailboxTotals NOT_KEPT = new MailboxTotals(false, 0, 0, null, 0);

    /** Age of the oldest pending message at {@code now}, {@link Duration#ZERO} when none. */
    public Duration oldestPendingAge(Instant now) {
        return oldestPending == null || oldestPending.isAfter(now)
                ? Duration.ZERO
                : Duration.between(oldestPending, now);
    }
}
