/**
 * The mailbox port: messages waiting for one recipient (a recipient key or DID), and their delivery
 * attempts.
 *
 * <p>In: {@link dev.switchboard.queue.mailbox.Mailboxes#enqueue enqueue} from the forward handler (the
 * mediator answers the sender 202 only after it completes), {@link
 * dev.switchboard.queue.mailbox.Mailboxes#reserve reserve} / {@link
 * dev.switchboard.queue.mailbox.Mailboxes#acknowledge acknowledge} / {@link
 * dev.switchboard.queue.mailbox.Mailboxes#release release} from pickup (2.0 delivery-request /
 * messages-received, 3.0, 4.0 size-aware batches, live mode), {@link
 * dev.switchboard.queue.mailbox.Mailboxes#renew renew} from the mediator's push once a relay took a batch
 * reserved with a short send lease. Out: {@link
 * dev.switchboard.queue.mailbox.Delivery deliveries} and {@link
 * dev.switchboard.queue.mailbox.MailboxStatus status figures} counting pending messages only.
 *
 * <p>Message life cycle: <b>pending</b> → (reserve) → <b>in flight</b> with an owner and a lease →
 * either acknowledged (deleted) or back to <b>pending</b> when the owner releases it or the lease
 * ends (the owner may renew the lease while it holds the message). Any stored message whose expiry time passes is removed and leaves a {@link
 * dev.switchboard.queue.mailbox.DeadLetter}. Delivery is therefore at least once: a message is handed
 * out twice only after its first lease ended or was released.
 *
 * <p>Operators ({@link dev.switchboard.queue.mailbox.MailboxAdmin}, the mediator's admin API): requeue a dead
 * letter (its bytes are kept with the record), purge dead letters, delete a mailbox, read the {@link
 * dev.switchboard.queue.mailbox.MailboxTotals totals} of all mailboxes (stored count and bytes, oldest pending
 * message), which every mailbox update keeps on a standalone Redis.
 */
@NullMarked
package dev.switchboard.queue.mailbox;

import org.jspecify.annotations.NullMarked;
