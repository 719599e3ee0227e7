/**
 * Coordinate mediation 3.0 (DIDComm v2), mediator role. In: mediate-request, recipient-update, recipient-query. Out: mediate-grant (routing_did array), recipient-update-response, recipient.
 */
@NullMarked
package dev.switchboard.mediator.protocol.coordinatemediation.v3;

import org.jspecify.annotations.NullMarked;
