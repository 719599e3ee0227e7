/**
 * What the push-notifications protocols (FCM, RFC 0734; APNs, RFC 0699) share: the device-info exchange
 * ({@link dev.switchboard.mediator.protocol.pushnotifications.DeviceInfoExchange}). In: {@code set-device-info},
 * {@code get-device-info} of a wallet with a granted mediation. Out: {@code ack}, {@code device-info}, device
 * registrations ({@link dev.switchboard.mediator.push.DeviceRegistrations}) that {@code push} notifies.
 */
@NullMarked
package dev.switchboard.mediator.protocol.pushnotifications;

import org.jspecify.annotations.NullMarked;
