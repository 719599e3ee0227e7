/**
 * Mailboxes and live delivery: stores forwarded messages, records routes (wallet -> relay socket), pushes
 * queued messages through the relays' {@code send} callbacks (signed with the relay request token), and
 * turns failed callbacks and disconnects into dropped routes with the messages back to pending. Recovery
 * is stateless: delivery deadlines in Redis ({@link dev.switchboard.mediator.delivery.DeliveryDeadlines}),
 * swept by every instance. In: the queue module's {@link dev.switchboard.queue.mailbox.Mailboxes} and {@link
 * dev.switchboard.queue.route.RouteTable}, the mediator's own Redis keys. Out: frames to relays (each callback a
 * traced CLIENT span carrying {@code traceparent}, timed as {@code switchboard.relay.callback}); the queue's
 * Micrometer meters and mailbox gauges ({@link dev.switchboard.mediator.delivery.QueueProducer}).
 */
@NullMarked
package dev.switchboard.mediator.delivery;

import org.jspecify.annotations.NullMarked;
