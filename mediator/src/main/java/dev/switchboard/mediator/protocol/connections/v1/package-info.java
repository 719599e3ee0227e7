/**
 * Connections 1.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0160-connection-protocol">RFC
 * 0160</a>), legacy, responder role, for older wallets. In: {@code request}. Out: {@code response} with a
 * {@code connection~sig} (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0234-signature-decorator">RFC
 * 0234</a> ed25519Sha512_single) by the invitation key.
 */
@NullMarked
package dev.switchboard.mediator.protocol.connections.v1;

import org.jspecify.annotations.NullMarked;
