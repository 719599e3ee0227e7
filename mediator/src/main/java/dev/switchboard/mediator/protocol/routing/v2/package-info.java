/**
 * Routing 2.0 forward (DIDComm v2). In: an anonymous or authenticated forward (body.next, attachments). Out: the attached message stored in the mailbox of the wallet that registered next (then delivered live); refusals as problem codes.
 */
@NullMarked
package dev.switchboard.mediator.protocol.routing.v2;

import org.jspecify.annotations.NullMarked;
