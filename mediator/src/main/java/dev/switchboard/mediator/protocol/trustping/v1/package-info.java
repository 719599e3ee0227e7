/**
 * Trust ping 1.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0048-trust-ping">RFC 0048</a>). In: {@code ping}. Out: {@code ping_response} when {@code response_requested} is not false.
 */
@NullMarked
package dev.switchboard.mediator.protocol.trustping.v1;

import org.jspecify.annotations.NullMarked;
