/**
 * The DIDComm v1 message layer: message types and PIURIs (both community prefixes, matched on MAJOR
 * version), {@code ~thread}, {@code ~transport.return_route}, the handler registry with its
 * unsupported-protocol fallback, and every problem report.
 *
 * <p>In: unpacked plaintext as {@link dev.switchboard.mediator.message.InboundMessage}. Out: plaintext
 * replies (packed and routed by {@code dev.switchboard.mediator.transport}).
 */
@NullMarked
package dev.switchboard.mediator.message;

import org.jspecify.annotations.NullMarked;
