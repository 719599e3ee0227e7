package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.DISCONNECT;
import static dev.switchboard.socketdock.relay.support.RelayFixture.MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The real entry point in its own process: SIGTERM drains (1001 + disconnect notice) and the process exits. */
class SigtermDrainIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PUBLIC = Pattern.compile("public=\"/127\\.0\\.0\\.1:(\\d+)\"");

    @Test
    void sigtermClosesSocketsWith1001SendsNoticesAndExits() throws Exception {
        try (TestBackend backend = new TestBackend()) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process relay = new ProcessBuilder(List.of(
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
                            "--secret",
                            "sigterm-test-secret-sigterm-test-secret",
                            "--drain-window",
                            "500ms"))
                    .redirectErrorStream(true)
                    .start();
            try {
                BufferedReader log =
                        new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
                int port = -1;
                for (String line; port < 0 && (line = log.readLine()) != null; ) {
                    Matcher m = PUBLIC.matcher(line);
                    if (line.contains("event=\"started\"") && m.find()) {
                        port = Integer.parseInt(m.group(1));
                    }
                }
                assertThat(port).as("relay started").isPositive();
                Thread.ofVirtual().start(() -> log.lines().forEach(l -> {})); // keep draining its output
                try (WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"))) {
                    client.sendText("before shutdown");
                    assertThat(backend.next(MESSAGE, Duration.ofSeconds(10))).isNotNull();

                    relay.destroy(); // SIGTERM
                    assertThat(client.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1001);
                }
                assertThat(relay.waitFor(20, TimeUnit.SECONDS))
                        .as("process exits after the drain")
                        .isTrue();
                var notice = backend.next(DISCONNECT, Duration.ofSeconds(1));
                assertThat(notice).as("disconnect notice sent before exit").isNotNull();
                assertThat(JSON.readTree(notice.body()).get("close_code").asInt())
                        .isEqualTo(1001);
            } finally {
                relay.destroyForcibly();
            }
        }
    }
}
