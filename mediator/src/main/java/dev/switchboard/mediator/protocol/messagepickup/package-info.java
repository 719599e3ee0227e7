/**
 * Message pickup, mediator role: one sub-package per version, each handler declaring its messages and calling
 * the helper 2.0, 3.0 and 4.0 share ({@link dev.switchboard.mediator.protocol.messagepickup.PickupExchange}, with
 * each version's {@link dev.switchboard.mediator.protocol.messagepickup.PickupVersion}) and the recipient selection of their requests
 * ({@link dev.switchboard.mediator.protocol.messagepickup.RecipientScope}). In: status-request, delivery-request,
 * messages-received, live-delivery-change. Out: status, delivery, and live {@code delivery} messages packed
 * for the push loop ({@link dev.switchboard.mediator.protocol.messagepickup.PickupLiveDelivery}, the implementation
 * of {@link dev.switchboard.mediator.delivery.LiveDeliveryPacker}); attachments in {@link
 * dev.switchboard.mediator.protocol.messagepickup.PickupAttachments}.
 */
@NullMarked
package dev.switchboard.mediator.protocol.messagepickup;

import org.jspecify.annotations.NullMarked;
