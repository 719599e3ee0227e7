/**
 * Discover features 2.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0557-discover-features-v2">RFC 0557</a>). In: {@code queries}. Out: {@code disclosures} of the protocols that match.
 */
@NullMarked
package dev.switchboard.mediator.protocol.discoverfeatures.v2;

import org.jspecify.annotations.NullMarked;
