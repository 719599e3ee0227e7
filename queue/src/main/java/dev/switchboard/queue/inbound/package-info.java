/**
 * The durable inbound log: an optional stage between ingress and processing.
 *
 * <p>In: ingress {@link dev.switchboard.queue.inbound.InboundLog#append appends} each raw inbound
 * message (an envelope as received over HTTP or from a relay) and answers the sender only after the
 * append's stage completed normally. Out: each mediator instance runs one {@link
 * dev.switchboard.queue.inbound.InboundConsumer} in a shared consumer group; entries are handed to
 * one consumer of the group, and acknowledged after processing. An entry whose consumer died before
 * acknowledging is handed out again (at least once): processing must be idempotent, which mailbox
 * enqueue by message id is. Caller: the mediator's {@code dev.switchboard.mediator.inbound} (forwards appended
 * by its routing handlers, consumed by one member per instance), when {@code switchboard.inbound.log} is
 * {@code kafka} or {@code redis-stream}.
 */
@NullMarked
package dev.switchboard.queue.inbound;

import org.jspecify.annotations.NullMarked;
