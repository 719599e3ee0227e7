package dev.switchboard.queue.mailbox;

import java.util.concurrent.CompletionStage;

/**
 * Operator actions on mailboxes, for an admin API: requeue and purge dead letters, delete a mailbox
 * (a wallet's removal), and the totals of all mailboxes (for metrics). Same rules as {@link Mailboxes}:
 * asynchronous, never blocking; stages fail with {@link dev.switchboard.queue.QueueException} when the
 * store fails; expected outcomes are return values; every update of one mailbox is atomic.
 */
public interface MailboxAdmin {

    /**
     * Puts a dead letter back into its mailbox as a pending message: it keeps its original receipt time
     * (so it is delivered in its place, oldest first) and gets the mailbox's default time to live from
     * now. Its dead-letter record goes. Dead letters are kept with their bytes up to the adapter's
     * per-recipient limit; older ones (and records written before the bytes were kept) cannot be requeued.
     *
     * @param recipient the mailbox owner
     * @param messageId the dead letter's {@link DeadLetter#messageId()}
     * @return the outcome
     */
    CompletionStage<RequeueResult> requeueDeadLetter(String recipient, String messageId);

    /**
     * Deletes every dead-letter record of a recipient and the bytes kept with them.
     *
     * @return how many records were deleted
     */
    CompletionStage<Long> purgeDeadLetters(String recipient);

    /**
     * Deletes a recipient's mailbox entirely: pending and in-flight messages, de-duplication markers and
     * dead letters. A later enqueue starts an empty mailbox.
     *
     * @return how many stored messages (pending and in flight) were deleted
     */
    CompletionStage<Long> delete(String recipient);

    /**
     * The totals of all mailboxes, kept up to date by every mailbox update (O(1) to read: one hash and
     * the head of one sorted set). Not kept on Redis Cluster, where they would cross slots: then {@link
     * MailboxTotals#kept()} is false.
     */
    CompletionStage<MailboxTotals> totals();

    /**
     * Recipients whose oldest pending message was received before {@code before}, oldest first: the mailboxes
     * an expiry sweep should visit (a {@link Mailboxes#status} drops their expired messages with a dead letter).
     * Read from the oldest-pending index, so empty where totals are not kept (Redis Cluster). A recipient whose
     * id contained braces is returned with parentheses instead (the spelling of its hash tag).
     *
     * @param limit at most this many, {@code > 0}
     */
    CompletionStage<java.util.List<String>> pendingBefore(java.time.Instant before, int limit);
}
