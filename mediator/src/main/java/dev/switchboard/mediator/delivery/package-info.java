/**
 * Mailboxes and live delivery: stores forwarded messages, records routes (wallet -> relay socket), pushes
 * queued messages through the relays' {@code send} callbacks (signed with the relay request token), and
 * turns failed callbacks and disconnects into dropped routes with the messages back to pending. Recovery
 * is stateless: delivery deadlines in Redis ({@link dev.switchboard.mediator.store.DeliveryDeadlines}),
 * swept by every instance. In: the queue module's {@link dev.switchboard.queue.mailbox.Mailboxes} and {@link
 * dev.switchboard.queue.route.RouteTable}, session state and deadlines from {@code store}, and live {@code
 * delivery} messages packed by the pickup protocols through the {@link
 * dev.switchboard.mediator.delivery.LiveDeliveryPacker} port (this package imports no protocol package). Out:
 * frames to relays (each callback a traced CLIENT span carrying {@code traceparent}, timed as {@code
 * switchboard.relay.callback}), and to {@code push} through the {@link
 * dev.switchboard.mediator.delivery.OfflineWallets} port: messages wait for a wallet without a route, a
 * wallet's socket closed. A message that would pass the global byte budget ({@link
 * dev.switchboard.mediator.quota.StorageBudget}) is not stored (answered as a full mailbox). In-memory state is
 * bounded: the pusher keeps an entry only per wallet being pushed now.
 */
@NullMarked
package dev.switchboard.mediator.delivery;

import org.jspecify.annotations.NullMarked;
