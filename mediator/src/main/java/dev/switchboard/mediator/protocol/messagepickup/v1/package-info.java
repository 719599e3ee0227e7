/**
 * Message pickup 1.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0212-pickup">RFC 0212</a>). In: batch-pickup. Out: batch (at-most-once: handed-out messages are deleted).
 */
@NullMarked
package dev.switchboard.mediator.protocol.messagepickup.v1;

import org.jspecify.annotations.NullMarked;
