package dev.switchboard.queue.mailbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The mailboxes of all recipients. A recipient is an opaque, non-empty string (the recipient key in
 * did:key or base58 form, or a DID); message ids are opaque, non-empty strings unique per recipient
 * (the DIDComm message {@code id}, or a digest of the envelope when it has none).
 *
 * <p>Every method is asynchronous and never blocks the calling thread; it is safe to call from an
 * event loop. Stages complete exceptionally with {@link dev.switchboard.queue.QueueException} when the store cannot be
 * reached or answers an error; expected outcomes (a duplicate, a full mailbox, an unknown id) are
 * return values. Every update of one mailbox is atomic. Times are the caller's clock as given, or
 * the adapter's {@link java.time.Clock} where a method takes none.
 *
 * <p>Semantics follow Message Pickup 2.0/3.0 (<a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0685-pickup-v2">Aries RFC
 * 0685</a>, <a href="https://didcomm.org/messagepickup/3.0/">pickup 3.0</a>): status counts only
 * messages waiting (pending), and deletion happens only on {@code messages-received}.
 */
public interface Mailboxes {

    /**
     * Stores a message for a recipient, once: a second enqueue of the same {@code messageId} for the
     * same recipient (a retried forward) stores nothing and answers {@link EnqueueResult.Duplicate},
     * also after the message was acknowledged, for the adapter's de-duplication window.
     *
     * <p>The mediator acknowledges the sender (HTTP 202) only after this stage completes normally with
     * {@link EnqueueResult.Stored} or {@link EnqueueResult.Duplicate}: from then on the message is
     * durable in the store (as durable as the store's persistence settings make it).
     *
     * @param recipient the mailbox owner
     * @param messageId the message id, unique per recipient
     * @param message the message as received (an encrypted envelope), at least 1 byte; not copied
     * @param receivedAt when the mediator received it (orders the mailbox, oldest first)
     * @param expiresAt when it must be dropped (DIDComm v2 {@code expires_time}); {@code null} for the
     *     adapter's default time to live. The earlier of this and {@code receivedAt} + the maximum time
     *     to live applies.
     * @return stored, duplicate, or rejected because the recipient's cap (count or bytes) is reached
     */
    CompletionStage<EnqueueResult> enqueue(
            String recipient, String messageId, byte[] message, Instant receivedAt, @Nullable Instant expiresAt);

    /**
     * Hands out the oldest pending messages for delivery and marks them in flight: owned by {@code
     * request.owner()} until {@code now + request.lease()}. First returns to pending any in-flight
     * message whose lease has ended and drops expired messages (with a dead letter).
     *
     * <p>The batch holds at most {@code request.maxCount()} messages whose sizes add up to at most
     * {@code request.maxBytes()}, except that the oldest pending message is always included when
     * {@code maxCount > 0}, so one large message cannot block a mailbox (the mediator bounds message
     * size at ingress). Adapters may hand out fewer than {@code maxCount} per call (Redis: at most
     * 500); callers loop until the batch is empty.
     *
     * @return deliveries, oldest first; empty when nothing is pending
     */
    CompletionStage<List<Delivery>> reserve(String recipient, DeliveryRequest request);

    /**
     * Deletes messages after the recipient confirmed them ({@code messages-received}), whether pending
     * or in flight and whoever owns the delivery. Idempotent: unknown or already deleted ids are
     * ignored.
     *
     * @return how many of {@code messageIds} were deleted by this call (0 to {@code messageIds.size()})
     */
    CompletionStage<Integer> acknowledge(String recipient, Collection<String> messageIds);

    /**
     * Ends the delivery attempts of one owner (its socket was lost, live mode ended): its in-flight
     * messages of this recipient become pending again, keeping their original order.
     *
     * @return how many messages returned to pending
     */
    CompletionStage<Integer> release(String recipient, String owner);

    /**
     * Gives in-flight messages a new lease end: those of {@code messageIds} that {@code owner} still holds (not
     * acknowledged, released, or reclaimed after their lease ended and handed out again). A delivery reserved
     * with a short lease while it is being sent gets the full lease once the transport took it.
     *
     * @param leaseUntil the new lease end (it may be earlier or later than the current one)
     * @return how many messages got it
     */
    CompletionStage<Integer> renew(String recipient, String owner, Collection<String> messageIds, Instant leaseUntil);

    /**
     * Status figures of the pending messages (in-flight messages are not counted: Credo wallets loop
     * until the count reaches 0). Like {@link #reserve}, first returns lease-expired messages to pending
     * and drops expired ones.
     */
    CompletionStage<MailboxStatus> status(String recipient);

    /**
     * Dead-letter records of a recipient, newest first. The adapter keeps a bounded number per
     * recipient.
     *
     * @param limit at most this many records, {@code > 0}
     */
    CompletionStage<List<DeadLetter>> deadLetters(String recipient, int limit);
}
