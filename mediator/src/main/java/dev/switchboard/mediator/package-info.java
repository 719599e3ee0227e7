/**
 * The Switchboard mediator: a stateless DIDComm v1 mediator behind the socketdock relays.
 *
 * <p>In: DIDComm messages over HTTP ({@code POST /}) and from the relays ({@code POST /socketdock/*}). Out:
 * replies in the HTTP response or through a relay's {@code send} callback; everything else queued in Redis;
 * push notifications (FCM, APNs, a webhook) that wake offline wallets. Operators: the admin API ({@code
 * /admin/*}, package {@code admin}), {@code /q/metrics}, {@code /q/openapi}, OpenTelemetry traces and JSON
 * logs when configured.
 */
@NullMarked
package dev.switchboard.mediator;

import org.jspecify.annotations.NullMarked;
