/**
 * Ingress: {@code POST /} (DIDComm v1 over HTTP), {@code POST /socketdock/*} (the relay backend, verified
 * with the relay request token), and the {@link dev.switchboard.mediator.transport.Dispatcher} every inbound
 * packed message goes through. In: HTTP requests. Out: HTTP responses, replies through relay callbacks,
 * queued replies.
 */
@NullMarked
package dev.switchboard.mediator.transport;

import org.jspecify.annotations.NullMarked;
