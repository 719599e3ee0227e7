/**
 * Push notifications fcm 1.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0734-push-notifications-fcm">RFC 0734</a>). In: {@code set-device-info}, {@code get-device-info}. Out: {@code ack}, {@code device-info}.
 */
@NullMarked
package dev.switchboard.mediator.protocol.pushnotifications.fcm.v1;

import org.jspecify.annotations.NullMarked;
