/**
 * Tracing, relay side, on the OpenTelemetry API. In: each client data frame and each {@code send} callback's
 * request headers; the {@code --otel-exporter-otlp-endpoint} flag and {@code OTEL_*} variables. Out: spans to
 * the SDK {@link dev.switchboard.socketdock.relay.tracing.TracingSdk} builds when that flag is set (OTLP/HTTP
 * protobuf), else to whatever is registered globally (nothing by default: no-ops); the W3C {@code traceparent}
 * header on the message POST of each frame, and, for a callback that carries one, a {@code socketdock frame
 * out} span in the caller's trace.
 */
@NullMarked
package dev.switchboard.socketdock.relay.tracing;

import org.jspecify.annotations.NullMarked;
