/**
 * Out-of-band 2.0 (DIDComm v2). Out: the mediator's invitation (from its did:peer:2) and _oob URL for GET /invitation?v=2. In: nothing.
 */
@NullMarked
package dev.switchboard.mediator.protocol.outofband.v2;

import org.jspecify.annotations.NullMarked;
