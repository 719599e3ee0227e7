package dev.switchboard.socketdock.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void socketDockFlagsAndOursParseWithFlagsOverEnvironment() {
        RelayConfig c = ConfigParser.parse(
                List.of(
                        "--bindip",
                        "0.0.0.0",
                        "--bindport=9000",
                        "--endpoint",
                        "http://10.0.0.7:8766",
                        "--message-uri",
                        "http://m:8080/socketdock/message",
                        "--disconnect-uri",
                        "http://m:8080/socketdock/disconnect",
                        "--ping-interval",
                        "500ms",
                        "--idle-timeout",
                        "5m",
                        "--compat-public-callbacks"),
                Map.of("SOCKETDOCK_SECRET", SECRET, "SOCKETDOCK_BINDPORT", "1234", "SOCKETDOCK_MAX_CONNECTIONS", "7"));
        assertThat(c.bindIp()).isEqualTo("0.0.0.0");
        assertThat(c.bindPort()).isEqualTo(9000);
        assertThat(c.internalIp()).isEqualTo("0.0.0.0");
        assertThat(c.endpoint()).isEqualTo(URI.create("http://10.0.0.7:8766"));
        assertThat(c.pingInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxConnections()).isEqualTo(7);
        assertThat(c.compatPublicCallbacks()).isTrue();
        assertThat(c.connectUri()).isNull();
        assertThat(c.maxFrameSize()).isEqualTo(4 * 1024 * 1024);
        assertThat(c.drainWindow()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aSecretIsRequiredUnlessInsecureModeIsExplicit() {
        List<String> base = List.of("--message-uri", "http://m/message");
        assertThatThrownBy(() -> ConfigParser.parse(base, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--insecure-no-auth");
        RelayConfig insecure =
                ConfigParser.parse(List.of("--message-uri", "http://m/message", "--insecure-no-auth"), Map.of());
        assertThat(insecure.secret()).isNull();
        assertThatThrownBy(() -> ConfigParser.parse(base, Map.of("SOCKETDOCK_SECRET", "short")))
                .hasMessageContaining("expected: >= 32 bytes");
    }

    @Test
    void badValuesNameTheFlagAndWhatWasExpected() {
        Map<String, String> env = Map.of("SOCKETDOCK_SECRET", SECRET);
        assertThatThrownBy(() -> ConfigParser.parse(List.of("--message-uri", "ftp://x/y"), env))
                .hasMessageContaining("--message-uri")
                .hasMessageContaining("expected: an absolute http:// URI");
        assertThatThrownBy(
                        () -> ConfigParser.parse(List.of("--message-uri", "http://m/x", "--max-frame-size", "0"), env))
                .hasMessageContaining("maxFrameSize: 0 (expected: > 0)");
        assertThatThrownBy(() -> ConfigParser.parse(List.of("--nope"), env))
                .hasMessageContaining("--nope: unknown flag");
        assertThatThrownBy(() -> ConfigParser.parse(List.of(), env)).hasMessageContaining("--message-uri");
    }

    @Test
    void helpListsEveryFlagWithItsVariable() {
        assertThat(ConfigParser.help()).contains("--connect-uri URI").contains("SOCKETDOCK_CONNECT_URI");
        assertThat(ConfigParser.markdownTable()).contains("| `--bindport PORT` | `SOCKETDOCK_BINDPORT` | 8765 |");
    }
}
