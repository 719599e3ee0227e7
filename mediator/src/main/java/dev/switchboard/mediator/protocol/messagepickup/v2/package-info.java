/**
 * Message pickup 2.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0685-pickup-v2">RFC 0685</a>). In: status-request, delivery-request, messages-received, live-delivery-change. Out: status, delivery; live mode per socket.
 */
@NullMarked
package dev.switchboard.mediator.protocol.messagepickup.v2;

import org.jspecify.annotations.NullMarked;
