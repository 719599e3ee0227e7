package dev.switchboard.socketdock.relay.tracing;

import io.netty.handler.codec.http.HttpHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The relay's spans, on the OpenTelemetry API: one {@code socketdock frame in} span per data frame a
 * client sends (kind {@code CONSUMER}, from the frame's arrival until its message POST has an outcome),
 * whose context goes to the backend as the W3C {@code traceparent} header of that POST; and one
 * {@code socketdock frame out} span per {@code send} callback (kind {@code SERVER}), a child of the
 * {@code traceparent} the callback carries, so that relay, mediator and relay again form one trace.
 *
 * <p>With no SDK registered (the default: the relay ships none) the tracer and the propagator are
 * no-ops: no span is recorded and no header is sent. Non-blocking either way; safe on an event loop.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace Context, traceparent</a>
 */
public final class FrameTracing {
    /** The instrumentation scope name. */
    public static final String SCOPE = "dev.switchboard.socketdock.relay";
    /** Span name of an inbound data frame. */
    public static final String FRAME_IN = "socketdock frame in";
    /** Span name of a frame written by a {@code send} callback. */
    public static final String FRAME_OUT = "socketdock frame out";

    static final AttributeKey<String> CONNECTION_ID = AttributeKey.stringKey("socketdock.connection_id");
    static final AttributeKey<String> FRAME = AttributeKey.stringKey("socketdock.frame");
    static final AttributeKey<Long> SEQ = AttributeKey.longKey("socketdock.seq");
    static final AttributeKey<Long> BYTES = AttributeKey.longKey("socketdock.frame.bytes");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private static final TextMapGetter<HttpHeaders> NETTY_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders carrier) {
            return carrier.names();
        }

        @Override
        public @Nullable String get(@Nullable HttpHeaders carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /** @param openTelemetry where spans go ({@code OpenTelemetry.noop()} for none) */
    public FrameTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Starts the span of one inbound data frame; the caller ends it with {@link #end}. */
    public Span frameIn(String connectionId, long seq, boolean text, int bytes) {
        Span span = tracer.spanBuilder(FRAME_IN)
                .setSpanKind(SpanKind.CONSUMER)
                .setNoParent()
                .startSpan();
        if (span.isRecording()) {
            span.setAttribute(CONNECTION_ID, connectionId)
                    .setAttribute(SEQ, seq)
                    .setAttribute(FRAME, text ? "text" : "binary")
                    .setAttribute(BYTES, (long) bytes);
        }
        return span;
    }

    /**
     * The headers that carry {@code span}'s context to the backend ({@code traceparent}, and {@code
     * tracestate} when set); empty when the span is not sampled or tracing is off.
     */
    public Map<String, String> headers(Span span) {
        if (!span.getSpanContext().isValid()) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>(4);
        propagator.inject(Context.root().with(span), headers, (carrier, key, value) -> {
            if (carrier != null) {
                carrier.put(key, value);
            }
        });
        return headers;
    }

    /** Starts the span of a {@code send} callback's frame, a child of the trace context its request carries. */
    public Span frameOut(HttpHeaders requestHeaders, String connectionId, boolean text, int bytes) {
        Context parent = propagator.extract(Context.root(), requestHeaders, NETTY_HEADERS);
        Span span = tracer.spanBuilder(FRAME_OUT)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        if (span.isRecording()) {
            span.setAttribute(CONNECTION_ID, connectionId)
                    .setAttribute(FRAME, text ? "text" : "binary")
                    .setAttribute(BYTES, (long) bytes);
        }
        return span;
    }

    /**
     * Ends a span with the HTTP status that closed its work (the backend's answer for a frame in, the
     * callback's answer for a frame out); an error status when it is not 2xx.
     *
     * @param status the HTTP status, 0 when there was none (timeout, I/O error, full queue)
     */
    public static void end(Span span, int status, String detail) {
        if (span.isRecording()) {
            if (status > 0) {
                span.setAttribute(STATUS, (long) status);
            }
            if (status < 200 || status > 299) {
                span.setStatus(StatusCode.ERROR, detail);
            }
        }
        span.end();
    }
}
