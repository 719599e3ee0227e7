package dev.switchboard.socketdock.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayOptionsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void socketDockFlagsAndOursParseWithFlagsOverEnvironment() {
        RelayConfig c = RelayOptions.parse(
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
        assertThat(c.maxFrameSize()).isEqualTo(1024 * 1024);
        assertThat(c.drainWindow()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aSecretIsRequiredUnlessInsecureModeIsExplicit() {
        List<String> base = List.of("--message-uri", "http://m/message");
        assertThatThrownBy(() -> RelayOptions.parse(base, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--insecure-no-auth");
        RelayConfig insecure =
                RelayOptions.parse(List.of("--message-uri", "http://m/message", "--insecure-no-auth"), Map.of());
        assertThat(insecure.secret()).isNull();
        assertThatThrownBy(() -> RelayOptions.parse(base, Map.of("SOCKETDOCK_SECRET", "short")))
                .hasMessageContaining("expected: >= 32 bytes");
    }

    @Test
    void badValuesNameTheFlagAndWhatWasExpected() {
        Map<String, String> env = Map.of("SOCKETDOCK_SECRET", SECRET);
        assertThatThrownBy(() -> RelayOptions.parse(List.of("--message-uri", "ftp://x/y"), env))
                .hasMessageContaining("--message-uri")
                .hasMessageContaining("expected: an absolute http:// URI");
        assertThatThrownBy(
                        () -> RelayOptions.parse(List.of("--message-uri", "http://m/x", "--max-frame-size", "0"), env))
                .hasMessageContaining("--max-frame-size / SOCKETDOCK_MAX_FRAME_SIZE: maxFrameSize: 0 (expected: > 0)");
        assertThatThrownBy(() -> RelayOptions.parse(List.of("--nope"), env))
                .hasMessageContaining("Unknown option: '--nope'");
        assertThatThrownBy(() -> RelayOptions.parse(
                        List.of("--message-uri", "http://m/x"),
                        Map.of("SOCKETDOCK_SECRET", SECRET, "SOCKETDOCK_PING_INTERVAL", "soon")))
                .hasMessageContaining("--ping-interval / SOCKETDOCK_PING_INTERVAL")
                .hasMessageContaining("expected: a duration like 500ms, 20s, 5m, 1h");
        assertThatThrownBy(() -> RelayOptions.parse(List.of("--message-uri", "http://m/x", "--bindport", "x"), env))
                .hasMessageContaining("--bindport / SOCKETDOCK_BINDPORT");
        assertThatThrownBy(() -> RelayOptions.parse(List.of(), env)).hasMessageContaining("--message-uri");
    }

    @Test
    void defaultsAreTheBuildersAndBooleansAndTheSecretFileComeFromTheEnvironment(@TempDir Path dir) throws Exception {
        RelayConfig parsed =
                RelayOptions.parse(List.of("--message-uri", "http://m/x"), Map.of("SOCKETDOCK_SECRET", SECRET));
        RelayConfig built = RelayConfig.builder()
                .messageUri(URI.create("http://m/x"))
                .secret(SharedSecret.ofUtf8(SECRET))
                .instanceId(parsed.instanceId())
                .build();
        assertThat(parsed).usingRecursiveComparison().isEqualTo(built);

        Path file = dir.resolve("secret");
        Files.writeString(file, "from-the-file-from-the-file-from-the-file\n");
        RelayConfig c = RelayOptions.parse(
                List.of("--message-uri", "http://m/x", "--secret-file", file.toString()),
                Map.of(
                        "SOCKETDOCK_SECRET",
                        SECRET,
                        "SOCKETDOCK_COMPAT_PUBLIC_CALLBACKS",
                        "yes",
                        "SOCKETDOCK_BINDIP",
                        ""));
        assertThat(c.secret()).isEqualTo(SharedSecret.ofUtf8("from-the-file-from-the-file-from-the-file"));
        assertThat(c.compatPublicCallbacks()).isTrue();
        assertThat(c.bindIp()).as("an empty variable counts as unset").isEqualTo("127.0.0.1");
        RelayConfig both = RelayOptions.parse(
                List.of("--message-uri", "http://m/x", "--secret-file", file.toString(), "--secret", SECRET), Map.of());
        assertThat(both.secret())
                .as("the file is used instead of --secret")
                .isEqualTo(SharedSecret.ofUtf8("from-the-file-from-the-file-from-the-file"));
        assertThatThrownBy(() ->
                        RelayOptions.parse(List.of("--message-uri", "http://m/x", "--secret", "too-short"), Map.of()))
                .hasMessageContaining("--secret / SOCKETDOCK_SECRET")
                .hasMessageContaining("expected: >= 32 bytes")
                .hasMessageNotContaining("too-short");
    }

    /** The README's relay table and {@code --help} list the same flags, variables and defaults. */
    @Test
    void theReadmeTableIsTheHelp() throws Exception {
        Pattern row = Pattern.compile(
                "^\\| `(--[a-z0-9-]+)[^`]*` \\| `(SOCKETDOCK_[A-Z0-9_]+)` \\| ([^|]*?) \\|", Pattern.MULTILINE);
        String readme = Files.readString(repoRoot().resolve("README.md"));
        Map<String, String> fromReadme = new TreeMap<>();
        Matcher m = row.matcher(readme);
        while (m.find()) {
            fromReadme.put(m.group(1) + " " + m.group(2), m.group(3).replace("`", ""));
        }
        // one entry per flag: from a line starting with the flag to the next such line
        Pattern entry = Pattern.compile("(--[a-z0-9-]+)\\S* .*\\[default: (.*?); env: (SOCKETDOCK_[A-Z0-9_]+)]");
        Map<String, String> fromHelp = new TreeMap<>();
        for (String e : RelayOptions.help().split("\n(?=\\s{2}(?:-h, |\\s{4})--)")) {
            Matcher h = entry.matcher(e.strip().replaceAll("\\s+", " "));
            if (h.matches()) {
                fromHelp.put(h.group(1) + " " + h.group(3), h.group(2));
            }
        }
        assertThat(fromHelp).hasSize(39);
        assertThat(fromReadme).isEqualTo(fromHelp);
    }

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("socketdock/relay/pom.xml"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void aKeyIdSignsAsThisInstanceAndNeedsASecret() {
        Map<String, String> env = Map.of("SOCKETDOCK_SECRET", SECRET);
        RelayConfig own = RelayOptions.parse(List.of("--message-uri", "http://m/x", "--key-id", "relay-7"), env);
        assertThat(own.keyId()).isEqualTo("relay-7");
        assertThat(own.instanceId()).as("the mediator wants kid = instance id").isEqualTo("relay-7");
        assertThat(RelayOptions.parse(
                                List.of(
                                        "--message-uri",
                                        "http://m/x",
                                        "--key-id",
                                        "relay-7",
                                        "--instance-id",
                                        "relay-7"),
                                env)
                        .instanceId())
                .isEqualTo("relay-7");
        assertThatThrownBy(() -> RelayOptions.parse(
                        List.of("--message-uri", "http://m/x", "--key-id", "relay-7", "--instance-id", "other"), env))
                .hasMessageContaining("keyId: relay-7 (expected: = instanceId other");
        assertThatThrownBy(() -> RelayOptions.parse(
                        List.of("--message-uri", "http://m/x", "--key-id", "relay-7", "--insecure-no-auth"), Map.of()))
                .hasMessageContaining("keyId: relay-7 (expected: with --secret or --secret-file)");
        assertThatThrownBy(() -> RelayOptions.parse(List.of("--message-uri", "http://m/x", "--key-id", "a b"), env))
                .hasMessageContaining("--key-id / SOCKETDOCK_KEY_ID");
    }

    @Test
    void theLimitsOfIssue13HaveTheirDefaults() {
        RelayConfig c = RelayOptions.parse(List.of("--message-uri", "http://m/x"), Map.of("SOCKETDOCK_SECRET", SECRET));
        assertThat(c.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxSocketsPerAddress()).isEqualTo(1000);
        assertThat(c.maxSocketRatePerAddress()).isEqualTo(100);
        assertThat(c.addressTableSize()).isEqualTo(100_000);
        assertThat(c.dispatchQueueBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(c.backendPoolWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.backendMaxPending()).isEqualTo(4096);
        assertThat(c.otlpEndpoint()).isNull();
        assertThatThrownBy(() -> RelayOptions.parse(
                        List.of("--message-uri", "http://m/x", "--otel-exporter-otlp-endpoint", "grpc://x:4317"),
                        Map.of("SOCKETDOCK_SECRET", SECRET)))
                .hasMessageContaining("expected: an absolute http:// or https:// URI");
    }

    @Test
    void helpListsEveryFlagWithItsVariable() {
        assertThat(RelayOptions.help())
                .contains("--connect-uri=URI")
                .contains("SOCKETDOCK_CONNECT_URI")
                .contains("[default: 8765; env: SOCKETDOCK_BINDPORT]");
    }
}
