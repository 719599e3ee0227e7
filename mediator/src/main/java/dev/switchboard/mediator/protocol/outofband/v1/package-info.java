/**
 * Out-of-band 1.1 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0434-outofband">RFC 0434</a>): the mediators multi-use invitation. Out: the invitation JSON and its {@code ?oob=} URL.
 */
@NullMarked
package dev.switchboard.mediator.protocol.outofband.v1;

import org.jspecify.annotations.NullMarked;
