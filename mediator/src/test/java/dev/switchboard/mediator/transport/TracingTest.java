package dev.switchboard.mediator.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * W3C Trace Context across relay and mediator (<a href="https://www.w3.org/TR/trace-context/">Trace
 * Context</a>): a relay POST to {@code /socketdock/message} carrying a {@code traceparent} is handled in that
 * trace, and the send callback it causes reaches the relay (a loopback stand-in) with a {@code traceparent}
 * of the same trace whose parent is the mediator's CLIENT span. Spans are read from the OTel SDK's in-memory
 * exporter.
 */
@QuarkusTest
class TracingTest {
    private static final String PICKUP = "https://didcomm.org/messagepickup/2.0/";

    @Inject
    MediatorIdentity identity;

    @Inject
    InMemorySpanExporter spans;

    RecordingRelay relay;

    @BeforeEach
    void start() {
        relay = new RecordingRelay("relay-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void aRelayPostsTraceContinuesThroughTheMediatorIntoItsSendCallback() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String socket = "s-" + UUID.randomUUID();
        String traceId = hex(16);
        String relaySpanId = hex(8);

        assertThat(relay.frame(
                                socket,
                                wallet.pack(TestWallet.message(PICKUP + "status-request")),
                                "00-" + traceId + "-" + relaySpanId + "-01")
                        .statusCode())
                .isEqualTo(200);

        // the reply went out through the send callback, in the same trace
        assertThat(wallet.unpack(relay.next(socket)).path("@type").asText()).isEqualTo(PICKUP + "status");
        String callback = relay.traceparent(socket);
        assertThat(callback).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(callback.split("-")[1]).isEqualTo(traceId);
        String callbackParent = callback.split("-")[2];

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId))
                    .toList();
            // the mediator's server span is a child of the relay's span
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(s.getParentSpanId()).isEqualTo(relaySpanId);
            });
            // the callback's traceparent names the mediator's CLIENT span of that send
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(s.getName()).isEqualTo("POST send callback");
                assertThat(s.getSpanId()).isEqualTo(callbackParent);
            });
        });
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zero (invalid)
        return HexFormat.of().formatHex(random);
    }
}
