package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.DISCONNECT;
import static dev.switchboard.socketdock.relay.support.RelayFixture.MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The relay's own entry point and {@code logback.xml} in a child JVM with {@code SOCKETDOCK_LOG_FORMAT=json}
 * and {@code SOCKETDOCK_LOG_LEVEL=debug}: every line is one JSON object, a socket's open and close events carry
 * its connection id as a field, and neither the frame payload nor the secret appears anywhere.
 */
class JsonLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "json-logs-test-secret-json-logs-test-secret";
    private static final String PAYLOAD = "payload-that-must-never-be-logged-7f3a";

    @Test
    void jsonLinesWithConnectionIdsAndNoContentOrSecret() throws Exception {
        try (TestBackend backend = new TestBackend()) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            java,
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "-Dlogback.configurationFile=logback.xml",
                            Main.class.getName(),
                            "--bindport",
                            "0",
                            "--internal-port",
                            "0",
                            "--message-uri",
                            backend.uri(MESSAGE).toString(),
                            "--disconnect-uri",
                            backend.uri(DISCONNECT).toString(),
                            "--drain-window",
                            "200ms"))
                    .redirectErrorStream(true);
            builder.environment()
                    .putAll(Map.of(
                            "SOCKETDOCK_LOG_FORMAT", "json",
                            "SOCKETDOCK_LOG_LEVEL", "debug",
                            "SOCKETDOCK_SECRET", SECRET));
            Process relay = builder.start();
            List<String> lines = new CopyOnWriteArrayList<>();
            String[] connectionId = {""};
            try {
                BufferedReader log =
                        new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
                String publicAddress = null;
                for (String line; publicAddress == null && (line = log.readLine()) != null; ) {
                    lines.add(line);
                    Map<String, String> fields = fields(JSON.readTree(line));
                    if ("started".equals(fields.get("event"))) {
                        publicAddress = fields.get("public");
                    }
                }
                assertThat(publicAddress).as("relay started").isNotNull();
                Thread.ofVirtual().start(() -> log.lines().forEach(lines::add));
                int port = Integer.parseInt(publicAddress.substring(publicAddress.lastIndexOf(':') + 1));
                try (WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"))) {
                    client.sendText(PAYLOAD);
                    var message = backend.next(MESSAGE, Duration.ofSeconds(10));
                    assertThat(message).isNotNull();
                    connectionId[0] = JSON.readTree(message.body())
                            .path("meta")
                            .path("connection_id")
                            .asText();
                }
                assertThat(backend.next(DISCONNECT, Duration.ofSeconds(10))).isNotNull();
                relay.destroy(); // SIGTERM: drain and exit
                assertThat(relay.waitFor(20, TimeUnit.SECONDS)).isTrue();
            } finally {
                relay.destroyForcibly();
            }
            Thread.sleep(200); // the reader thread takes the last lines
            List<String> events = new ArrayList<>();
            for (String line : lines) {
                JsonNode node = JSON.readTree(line); // throws on a line that is not JSON
                assertThat(node.path("level").asText()).isNotEmpty();
                Map<String, String> fields = fields(node);
                if (connectionIdOf(fields) != null) {
                    events.add(fields.get("event") + " " + connectionIdOf(fields));
                }
            }
            assertThat(String.join("\n", lines)).doesNotContain(PAYLOAD).doesNotContain(SECRET);
            assertThat(connectionId[0]).isNotEmpty();
            assertThat(events).contains("open " + connectionId[0], "close " + connectionId[0]);
        }
    }

    private static String connectionIdOf(Map<String, String> fields) {
        return fields.get("connection_id");
    }

    /** logback's JsonEncoder writes key-value pairs as {@code "kvpList": [{"k": "v"}, ...]}. */
    private static Map<String, String> fields(JsonNode line) {
        Map<String, String> out = new java.util.HashMap<>();
        for (JsonNode pair : line.path("kvpList")) {
            pair.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
