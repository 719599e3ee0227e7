package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.relay.support.RelayFixture;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import dev.switchboard.socketdock.relay.tracing.FrameTracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tracing on a real relay with the OpenTelemetry SDK and its in-memory exporter: the {@code traceparent} on
 * the backend POST of a frame names the frame's {@code socketdock frame in} span (same trace id, that span as
 * parent), and a {@code send} callback carrying a {@code traceparent} yields a {@code socketdock frame out}
 * span in that trace, child of the caller's span.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace Context, traceparent</a>
 */
class TracingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theBackendPostCarriesTheFrameSpanAndACallbackJoinsTheCallersTrace() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder()
                                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                                .build())
                        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                        .build();
                TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> {}, otel);
                WsClient client = WsClient.connect(fixture.ws())) {
            client.sendText("trace me");
            TestBackend.Received post = backend.next(MESSAGE, WAIT);
            assertThat(post).isNotNull();
            String traceparent = post.header("traceparent");
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
            String[] parts = traceparent.split("-");

            await().atMost(WAIT).until(() -> named(spans.getFinishedSpanItems(), FrameTracing.FRAME_IN) != null);
            SpanData in = named(spans.getFinishedSpanItems(), FrameTracing.FRAME_IN);
            assertThat(in.getTraceId()).isEqualTo(parts[1]);
            assertThat(in.getSpanId()).isEqualTo(parts[2]);
            assertThat(in.getKind()).isEqualTo(SpanKind.CONSUMER);
            String connectionId = JSON.readTree(post.body())
                    .path("meta")
                    .path("connection_id")
                    .asText();
            assertThat(in.getAttributes().asMap().toString()).contains(connectionId);

            // the mediator's side, as it would send it: a traceparent of its own span in some trace
            String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
            String callerSpan = "00f067aa0ba902b7";
            URI send = URI.create(
                    JSON.readTree(post.body()).path("meta").path("send").asText());
            byte[] body = "traced reply".getBytes(StandardCharsets.UTF_8);
            assertThat(RelayFixture.post(
                                    send,
                                    "text/plain",
                                    body,
                                    fixture.signer.authorization("POST", send, body, RequestBinding.ofCallback(send)),
                                    Map.of("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(client.next(WAIT).string()).isEqualTo("traced reply");

            await().atMost(WAIT).until(() -> named(spans.getFinishedSpanItems(), FrameTracing.FRAME_OUT) != null);
            SpanData out = named(spans.getFinishedSpanItems(), FrameTracing.FRAME_OUT);
            assertThat(out.getTraceId()).isEqualTo(callerTrace);
            assertThat(out.getParentSpanId()).isEqualTo(callerSpan);
            assertThat(out.getKind()).isEqualTo(SpanKind.SERVER);
        }
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElse(null);
    }
}
