/**
 * The DIDComm message layer of both generations: message types and PIURIs (both community prefixes, matched
 * on MAJOR version), threads ({@code ~thread} / {@code thid}), return routes ({@code ~transport.return_route}
 * / {@code return_route}), the handler registry built from the {@code @Serves} / {@code @Handles}
 * declarations of the handlers (with its unsupported-protocol fallback), what a handler returns ({@code
 * Handled}), and every problem report (report-problem 1.0 and 2.0).
 *
 * <p>In: unpacked plaintext as {@link dev.switchboard.mediator.message.InboundMessage}. Out: plaintext
 * replies (packed and routed by {@code dev.switchboard.mediator.transport}).
 */
@NullMarked
package dev.switchboard.mediator.message;

import org.jspecify.annotations.NullMarked;
