package dev.switchboard.mediator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every series the Grafana dashboard ({@code k8s/grafana/switchboard-dashboard.json}) and the HPA's Prometheus
 * Adapter rules ({@code k8s/overlays/production/prometheus-adapter-rules.yaml}) name is exported: the
 * mediator's ({@code switchboard_*}, {@code http_server_*}) are scraped from {@code /q/metrics} after real
 * traffic (a forward delivered live, one re-pushed, one whose callback failed); the relay's ({@code
 * socketdock_*}) are looked up in the relay's metrics source, where the relay keeps its series names.
 */
@QuarkusTest
class DashboardMetricsTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern SERIES = Pattern.compile("\\b((?:switchboard|socketdock|http_server)_[a-z_]+)\\b");
    private static final String PICKUP = "https://didcomm.org/messagepickup/2.0/";

    @Inject
    MediatorIdentity identity;

    @Test
    void everySeriesOfTheDashboardAndTheHpaIsExported() throws IOException {
        traffic();
        Set<String> named = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper()
                .readTree(ROOT.resolve("k8s/grafana/switchboard-dashboard.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThan(5);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size())
                    .as(panel.path("title").asText())
                    .isPositive();
            for (JsonNode target : panel.path("targets")) {
                named.addAll(series(target.path("expr").asText()));
            }
        }
        named.addAll(series(Files.readString(ROOT.resolve("k8s/overlays/production/prometheus-adapter-rules.yaml"))));
        assertThat(named).contains("switchboard_queue_stored_messages", "socketdock_connections_open");

        Set<String> scraped = given().get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
        String relaySource = relaySource();
        for (String series : named) {
            if (series.startsWith("socketdock_")) {
                assertThat(relaySource)
                        .as("relay series %s (its source names it)", series)
                        .containsAnyOf("\"" + series + "\"", "\"" + dotted(series) + "\"");
            } else {
                assertThat(scraped)
                        .as("mediator series %s on /q/metrics", series)
                        .contains(series);
            }
        }
    }

    /** A forward delivered live and left unconfirmed (re-pushed after the lease), then a failed callback. */
    private void traffic() {
        RecordingRelay relay = new RecordingRelay("relay-" + UUID.randomUUID());
        try {
            TestWallet wallet = Flows.mediatedWallet(identity);
            String key = Flows.registerRecipientKey(wallet);
            String socket = "s-" + UUID.randomUUID();
            ObjectNode live = TestWallet.message(PICKUP + "live-delivery-change");
            live.put("live_delivery", true);
            assertThat(relay.frame(socket, wallet.pack(live)).statusCode()).isEqualTo(200);
            relay.next(socket); // status
            assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                            .statusCode())
                    .isEqualTo(202);
            relay.next(socket); // delivery
            relay.next(socket, 10); // the same, re-pushed: never confirmed
            relay.markGone(socket);
            assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                            .statusCode())
                    .isEqualTo(202);
            org.awaitility.Awaitility.await()
                    .until(() -> given().get("/q/metrics").asString().contains("switchboard_delivery_failed_total"));
        } finally {
            relay.close();
        }
    }

    private static Set<String> series(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = SERIES.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A Prometheus series name as a Micrometer meter name: unit and type suffixes off, dots for underscores. */
    private static String dotted(String series) {
        return series.replaceFirst("_(total|seconds|bytes)$", "").replace('_', '.');
    }

    private static String relaySource() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("socketdock/relay/src/main/java"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        }
    }
}
