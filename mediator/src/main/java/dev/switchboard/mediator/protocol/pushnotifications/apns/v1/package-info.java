/**
 * Push notifications apns 1.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0699-push-notifications-apns">RFC 0699</a>). In: {@code set-device-info}, {@code get-device-info}. Out: {@code ack}, {@code device-info}.
 */
@NullMarked
package dev.switchboard.mediator.protocol.pushnotifications.apns.v1;

import org.jspecify.annotations.NullMarked;
