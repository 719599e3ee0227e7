/**
 * Coordinate mediation 2.0 (DIDComm v2), mediator role. In: mediate-request, keylist-update, keylist-query from an authenticated DID. Out: mediate-grant (routing_did), keylist-update-response, keylist; grants and keylists in the mediation store.
 */
@NullMarked
package dev.switchboard.mediator.protocol.coordinatemediation.v2;

import org.jspecify.annotations.NullMarked;
