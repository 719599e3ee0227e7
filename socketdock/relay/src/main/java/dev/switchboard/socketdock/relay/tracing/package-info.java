/**
 * Tracing, relay side, on the OpenTelemetry API (no SDK ships with the relay). In: each client data
 * frame and each {@code send} callback's request headers. Out: spans to whatever SDK is registered
 * globally (none by default: no-ops), the W3C {@code traceparent} header on the message POST of each
 * frame, and, for a callback that carries one, a {@code socketdock frame out} span in the caller's trace.
 */
@NullMarked
package dev.switchboard.socketdock.relay.tracing;

import org.jspecify.annotations.NullMarked;
