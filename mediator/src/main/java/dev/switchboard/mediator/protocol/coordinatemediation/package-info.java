/**
 * Coordinate mediation, mediator role: one sub-package per protocol version ({@code v1} for DIDComm v1; {@code
 * v2}, {@code v3} for DIDComm v2). In: requests from an authenticated sender. Out: grants and keylist answers;
 * grants and keylists live in the mediation store, shared by every version. This package holds the helper 2.0 and
 * 3.0 call ({@link dev.switchboard.mediator.protocol.coordinatemediation.DidCoordinateMediation}).
 */
@NullMarked
package dev.switchboard.mediator.protocol.coordinatemediation;

import org.jspecify.annotations.NullMarked;
