/**
 * Discover features 1.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0031-discover-features">RFC 0031</a>). In: {@code query}. Out: {@code disclose} listing the served protocols that match.
 */
@NullMarked
package dev.switchboard.mediator.protocol.discoverfeatures.v1;

import org.jspecify.annotations.NullMarked;
