/**
 * Trust ping 2.0 (DIDComm v2). In: ping. Out: ping-response unless response_requested is false.
 */
@NullMarked
package dev.switchboard.mediator.protocol.trustping.v2;

import org.jspecify.annotations.NullMarked;
