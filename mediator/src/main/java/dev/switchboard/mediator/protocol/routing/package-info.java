/**
 * What routing 1.0 and 2.0 share ({@link dev.switchboard.mediator.protocol.routing.Forwards}). In: a parsed
 * forward's recipient wallet and inner message. Out: the message stored in that mailbox, a push after the reply,
 * {@code switchboard.forwards} counts.
 */
@NullMarked
package dev.switchboard.mediator.protocol.routing;

import org.jspecify.annotations.NullMarked;
