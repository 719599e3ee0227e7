/**
 * Routing 1.0 forward (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/concepts/0094-cross-domain-messaging">RFC 0094</a>). In: anoncrypted {@code forward}. Out: the inner message stored in the recipient wallets mailbox, then live delivery.
 */
@NullMarked
package dev.switchboard.mediator.protocol.routing.v1;

import org.jspecify.annotations.NullMarked;
