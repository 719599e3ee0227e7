/**
 * DID exchange 1.0/1.1 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0023-did-exchange">RFC 0023</a>) as responder to the mediator invitation. In: request, complete. Out: response with a signed DID document or DID rotate attachment.
 */
@NullMarked
package dev.switchboard.mediator.protocol.didexchange.v1;

import org.jspecify.annotations.NullMarked;
