/**
 * Shared mediator logic of message pickup 3.0 and 4.0. In: status-request, delivery-request, messages-received, live-delivery-change. Out: status, delivery, live deliveries over the relays.
 */
@NullMarked
package dev.switchboard.mediator.protocol.pickup;

import org.jspecify.annotations.NullMarked;
