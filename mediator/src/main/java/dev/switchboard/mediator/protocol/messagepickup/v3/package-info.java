/**
 * Message pickup 3.0 (DIDComm v2), mediator role: epoch seconds, base64 attachments, empty queue answered with status.
 */
@NullMarked
package dev.switchboard.mediator.protocol.messagepickup.v3;

import org.jspecify.annotations.NullMarked;
