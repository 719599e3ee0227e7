/**
 * Message pickup 4.0 (DIDComm v2 and v1), mediator role: message_count_limit, max_receive_bytes, epoch milliseconds, empty deliveries.
 */
@NullMarked
package dev.switchboard.mediator.protocol.messagepickup.v4;

import org.jspecify.annotations.NullMarked;
