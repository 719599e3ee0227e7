package dev.switchboard.mediator.delivery;

import dev.switchboard.mediator.config.RelayBackendConfig;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Writes frames to wallets through a relay's {@code send} callback ({@code POST /socket/{id}/send}), signed
 * with the relay request token. One pooled asynchronous JDK HTTP client for all relays; nothing blocks.
 *
 * <p>Outcomes: 2xx = written to the socket; 404 (unknown socket), other statuses, refused connections and
 * timeouts = failed: the caller drops the route and leaves the messages queued.
 *
 * <p>Tracing: each send is an OpenTelemetry CLIENT span in the current trace (the relay's POST that caused it,
 * when the relay sent a {@code traceparent}), and the callback request carries that span's W3C {@code
 * traceparent}, so the relay's frame out joins the same trace.
 *
 * <p>Every send completes: the JDK client's request timeout ({@code switchboard.relay.callback-timeout},
 * {@code T}) covers the connection and the response headers but not the body, so whatever the relay does the
 * result is false after {@code 2T + 1 s} at the latest: the exchange is then cancelled (the JDK client aborts
 * it), so a relay that stalls in the body can neither stall the caller's push loop nor keep the connection.
 */
@ApplicationScoped
public class RelayClient {
    private static final Logger LOG = Logger.getLogger(RelayClient.class);

    private final HttpClient http;
    private final Tracer tracer;
    private final Timer written;
    private final Timer failedSends;
    private final TextMapPropagator propagator;
    private final RelayAuth auth;
    private final Duration timeout;
    private final long hardDeadlineMillis;
    private final List<Consumer<URI>> failureListeners = new CopyOnWriteArrayList<>();

    /** Without tracing (no span, no {@code traceparent}) and with meters nobody reads. */
    public RelayClient(RelayAuth auth, RelayBackendConfig config) {
        this(auth, config, OpenTelemetry.noop(), new SimpleMeterRegistry());
    }

    /**
     * Constructor injection.
     *
     * @param telemetry Quarkus's OpenTelemetry: each send is a CLIENT span of the current trace, and its W3C
     *     {@code traceparent} (<a href="https://www.w3.org/TR/trace-context/#traceparent-header">Trace Context,
     *     section 3.2</a>) goes on the callback request
     * @param meters where the timer {@code switchboard.relay.callback} (tag {@code outcome=written|failed}) of
     *     every send is registered: the time from the request to the relay's answer or the failure
     */
    @Inject
    public RelayClient(RelayAuth auth, RelayBackendConfig config, OpenTelemetry telemetry, MeterRegistry meters) {
        this.written = Timer.builder("switchboard.relay.callback")
                .description("send callbacks to the relays: request to answer")
                .tag("outcome", "written")
                .register(meters);
        this.failedSends = Timer.builder("switchboard.relay.callback")
                .description("send callbacks to the relays: request to answer")
                .tag("outcome", "failed")
                .register(meters);
        this.tracer = telemetry.getTracer("dev.switchboard.mediator");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
        this.auth = auth;
        this.timeout = config.callbackTimeout();
        this.hardDeadlineMillis = 2 * Math.max(1, timeout.toMillis()) + 1000;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.callbackTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Registers a listener told the {@code send} URI of every callback that failed (whatever the caller then
     * does), on the thread that completes the send; it must not block.
     */
    public void onFailure(Consumer<URI> listener) {
        failureListeners.add(listener);
    }

    /**
     * Sends one frame (a text frame: packed DIDComm v1 messages are ASCII JSON).
     *
     * @param instanceId the relay instance holding the socket (selects its own secret, if it has one)
     * @param send the socket's {@code send} callback URI
     * @param frame the frame's bytes
     * @return true when the relay wrote it (2xx); false on any failure, never exceptionally; always completes
     *     (at the latest after twice the callback timeout plus a second)
     */
    public CompletionStage<Boolean> send(@Nullable String instanceId, URI send, byte[] frame) {
        HttpRequest.Builder request = HttpRequest.newBuilder(send)
                .timeout(timeout)
                .header("Content-Type", HttpNames.TEXT_PLAIN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(frame));
        String authorization =
                auth.signerFor(instanceId).authorization("POST", send, frame, RequestBinding.ofCallback(send));
        if (authorization != null) {
            request.header(HttpNames.AUTHORIZATION, authorization);
        }
        Span span = tracer.spanBuilder("POST send callback")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST")
                .setAttribute("server.address", String.valueOf(send.getHost()))
                .setAttribute("server.port", (long) send.getPort())
                .startSpan();
        propagator.inject(Context.current().with(span), request, TRACEPARENT_SETTER);
        long start = System.nanoTime();
        CompletableFuture<Boolean> result;
        try {
            CompletableFuture<HttpResponse<Void>> exchange =
                    http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
            // the last resort: after the hard deadline the exchange is cancelled (the JDK client then aborts
            // it and frees its connection) and the send fails; the timer goes when the exchange ends first
            CompletableFuture<Boolean> ended = new CompletableFuture<>();
            exchange.whenComplete((response, e) -> ended.complete(true));
            ended.completeOnTimeout(false, hardDeadlineMillis, TimeUnit.MILLISECONDS)
                    .thenAccept(inTime -> {
                        if (!inTime) {
                            exchange.cancel(true);
                        }
                    });
            result = exchange.thenApply(response -> {
                span.setAttribute("http.response.status_code", (long) response.statusCode());
                boolean ok = response.statusCode() / 100 == 2;
                if (!ok) {
                    LOG.debugf("send callback %s answered %d", send, response.statusCode());
                }
                return ok;
            });
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionally(e -> {
                    LOG.debugf("send callback %s failed: %s", send, e.toString());
                    return false;
                })
                .thenApply(ok -> {
                    (ok ? written : failedSends).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    if (!ok) {
                        span.setStatus(StatusCode.ERROR);
                        failed(send);
                    }
                    span.end();
                    return ok;
                });
    }

    private static final TextMapSetter<HttpRequest.Builder> TRACEPARENT_SETTER =
            (request, name, value) -> request.setHeader(name, value);

    private void failed(URI send) {
        for (Consumer<URI> listener : failureListeners) {
            try {
                listener.accept(send);
            } catch (RuntimeException e) {
                LOG.warnf(e, "send failure listener failed for %s", send);
            }
        }
    }
}
