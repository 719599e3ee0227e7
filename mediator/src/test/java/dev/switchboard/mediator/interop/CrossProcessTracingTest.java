package dev.switchboard.mediator.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.OtlpReceiver;
import dev.switchboard.mediator.testing.RedisTestResource;
import dev.switchboard.mediator.testing.TestWallet;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One trace across two processes for one forward delivered live (issue 15): a real relay (the built
 * socketdock relay in a child JVM, exporting its spans over OTLP/HTTP protobuf, {@code
 * --otel-exporter-otlp-endpoint}, to a loopback {@link OtlpReceiver}) in front of this mediator (the Quarkus
 * test app, its spans in the SDK's in-memory exporter). A sender's frame carrying a forward enters the relay
 * ({@code socketdock frame in}, on the sender's socket), is POSTed with its {@code traceparent} and handled by
 * the mediator (SERVER span, a child of it), and the live delivery comes back through the send callback
 * ({@code socketdock frame out}, on the wallet's socket, a child of the mediator's CLIENT span): one trace id.
 *
 * <p>The relay runs with its own key id ({@code --key-id}, the test profile's {@code
 * switchboard.relay.jwt-secrets.relay-kid}): its posts are accepted under that kid and the mediator's callbacks,
 * signed under it, are accepted by the relay, so the relay-side kid is checked against the real mediator too.
 */
@QuarkusTest
class CrossProcessTracingTest {
    private static final String PICKUP = "https://didcomm.org/messagepickup/2.0/";
    private static final String KID = "relay-kid";
    private static final String KID_SECRET = "switchboard-test-relay-kid-secret-01234567";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Inject
    MediatorIdentity identity;

    @Inject
    InMemorySpanExporter mediatorSpans;

    @TestHTTPResource("/")
    URL mediator;

    @Test
    void oneForwardDeliveredLiveIsOneTraceAcrossRelayAndMediator() throws Exception {
        try (OtlpReceiver otlp = new OtlpReceiver()) {
            int ws = RedisTestResource.freePort();
            int internal = RedisTestResource.freePort();
            ChildProcess relay = startRelay(ws, internal, otlp.endpoint());
            awaitReady(URI.create("http://127.0.0.1:" + internal + "/health/ready"));
            try (relay;
                    RelaySocket walletSocket = new RelaySocket(URI.create("ws://127.0.0.1:" + ws + "/ws"));
                    RelaySocket senderSocket = new RelaySocket(URI.create("ws://127.0.0.1:" + ws + "/ws"))) {
                TestWallet wallet = Flows.mediatedWallet(identity);
                String recipient = Flows.registerRecipientKey(wallet);

                // the wallet's socket becomes its live route
                walletSocket.send(new String(
                        wallet.pack(TestWallet.message(PICKUP + "live-delivery-change")
                                .put("live_delivery", true)),
                        StandardCharsets.UTF_8));
                assertThat(wallet.unpack(walletSocket.next().getBytes(StandardCharsets.UTF_8))
                                .path("@type")
                                .asText())
                        .isEqualTo(PICKUP + "status");

                // a forward arrives on another socket and is delivered live on the wallet's
                String marker = "marker-" + System.nanoTime();
                senderSocket.send(new String(
                        Flows.forward(identity, recipient, Flows.innerEnvelope().put("test_marker", marker)),
                        StandardCharsets.UTF_8));
                ObjectNode delivery = wallet.unpack(walletSocket.next().getBytes(StandardCharsets.UTF_8));
                assertThat(delivery.path("@type").asText()).isEqualTo(PICKUP + "delivery");
                assertThat(delivery.toString()).contains(marker);

                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertOneTrace(otlp));
            }
        }
    }

    /**
     * Some trace has the relay's frame in (one socket), the mediator's SERVER span as its child, and the relay's
     * frame out (another socket) as the child of a mediator CLIENT span of that trace.
     */
    private void assertOneTrace(OtlpReceiver otlp) {
        List<OtlpReceiver.ReceivedSpan> relaySpans = otlp.spans();
        List<SpanData> mediator = mediatorSpans.getFinishedSpanItems();
        assertThat(relaySpans)
                .as("relay spans arrive over OTLP with the relay's service name")
                .anySatisfy(s -> assertThat(s.service()).isEqualTo("socketdock-relay"));
        boolean found = false;
        for (OtlpReceiver.ReceivedSpan in : relaySpans) {
            if (!in.name().equals("socketdock frame in")) {
                continue;
            }
            List<SpanData> handling = mediator.stream()
                    .filter(m -> m.getTraceId().equals(in.traceId())
                            && m.getKind() == SpanKind.SERVER
                            && m.getParentSpanId().equals(in.spanId()))
                    .toList();
            List<String> mediatorClients = mediator.stream()
                    .filter(m -> m.getTraceId().equals(in.traceId()) && m.getKind() == SpanKind.CLIENT)
                    .map(SpanData::getSpanId)
                    .toList();
            boolean deliveredElsewhere = relaySpans.stream()
                    .anyMatch(out -> out.name().equals("socketdock frame out")
                            && out.traceId().equals(in.traceId())
                            && mediatorClients.contains(out.parentSpanId())
                            && !String.valueOf(out.attribute("socketdock.connection_id"))
                                    .equals(in.attribute("socketdock.connection_id")));
            if (!handling.isEmpty() && deliveredElsewhere) {
                found = true;
                break;
            }
        }
        assertThat(found)
                .as("a trace with the sender's frame in, the mediator's handling and the wallet's frame out; relay"
                        + " spans: " + relaySpans)
                .isTrue();
    }

    /** Waits until the relay has finished starting (its port may be bound a little before). */
    private static void awaitReady(URI ready) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    /** The built relay as a child JVM, signing with its own kid and exporting spans to {@code otlp}. */
    private ChildProcess startRelay(int ws, int internal, URI otlp) {
        Path target = ROOT.resolve("socketdock/relay/target");
        String jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.map(Path::toString)
                    .filter(f -> f.matches(".*/socketdock-relay-[^/]*\\.jar") && !f.endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no relay jar in " + target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = mediator.toString().replaceAll("/$", "");
        ChildProcess process = ChildProcess.start(
                "tracing-relay",
                ChildProcess.jvm(
                        List.of(
                                "-Xmx128m",
                                "-Dotel.bsp.schedule.delay=100",
                                "-cp",
                                jar + ":" + target.resolve("lib") + "/*"),
                        List.of(
                                "dev.switchboard.socketdock.relay.Main",
                                "--bindport",
                                String.valueOf(ws),
                                "--internal-port",
                                String.valueOf(internal),
                                "--key-id",
                                KID,
                                "--secret",
                                KID_SECRET,
                                "--message-uri",
                                base + "/socketdock/message",
                                "--connect-uri",
                                base + "/socketdock/connect",
                                "--disconnect-uri",
                                base + "/socketdock/disconnect",
                                "--otel-exporter-otlp-endpoint",
                                otlp.toString())));
        process.awaitPort(ws, Duration.ofSeconds(60));
        return process;
    }
}
