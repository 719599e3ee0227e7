/**
 * Coordinate mediation 1.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0211-route-coordination">RFC 0211</a>). In: mediate-request, keylist-update, keylist-query. Out: mediate-grant, keylist-update-response, keylist; mediation records in Redis.
 */
@NullMarked
package dev.switchboard.mediator.protocol.coordinatemediation.v1;

import org.jspecify.annotations.NullMarked;
