package dev.switchboard.socketdock.relay;

import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Parses SocketDock's flags ({@code --bindip --bindport --endpoint --message-uri --disconnect-uri
 * --connect-uri}) and ours into a {@link RelayConfig}. Every flag {@code --some-name} also reads the
 * environment variable {@code SOCKETDOCK_SOME_NAME}; a flag wins over the variable. Flags take
 * {@code --name value} or {@code --name=value}; boolean flags need no value. Durations take
 * {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h} or a plain number of seconds.
 */
public final class ConfigParser {
    /** Prefix of the environment variables. */
    public static final String ENV_PREFIX = "SOCKETDOCK_";

    /**
     * One option.
     *
     * @param name flag name without dashes
     * @param valueHint what the value looks like, or empty for a boolean flag
     * @param defaultText the default as documented
     * @param description one line
     * @param apply sets the parsed value on the builder
     */
    record Option(
            String name,
            String valueHint,
            String defaultText,
            String description,
            BiConsumer<RelayConfig.Builder, String> apply) {
        String env() {
            return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
        }

        boolean isFlag() {
            return valueHint.isEmpty();
        }
    }

    /** All options, in the order of the help text. */
    static final List<Option> OPTIONS = List.of(
            new Option("bindip", "ADDR", "127.0.0.1", "public WebSocket listener address", (b, v) -> b.bindIp(v)),
            new Option(
                    "bindport",
                    "PORT",
                    "8765",
                    "public WebSocket listener port (/ws and /)",
                    (b, v) -> b.bindPort(integer(v))),
            new Option(
                    "endpoint",
                    "URI",
                    "http://<internal-ip>:<internal-port>",
                    "this instance's base URI for callbacks as backends reach it; unique per instance",
                    (b, v) -> b.endpoint(URI.create(v))),
            new Option(
                    "message-uri",
                    "URI",
                    "(required)",
                    "backend URI for messages",
                    (b, v) -> b.messageUri(URI.create(v))),
            new Option(
                    "disconnect-uri",
                    "URI",
                    "(none)",
                    "backend URI for disconnect notices",
                    (b, v) -> b.disconnectUri(URI.create(v))),
            new Option(
                    "connect-uri",
                    "URI",
                    "(none)",
                    "backend URI for connect events; a non-2xx answer closes the socket with 1008",
                    (b, v) -> b.connectUri(URI.create(v))),
            new Option(
                    "internal-ip",
                    "ADDR",
                    "= bindip",
                    "internal listener address (callbacks, health, metrics)",
                    (b, v) -> b.internalIp(v)),
            new Option("internal-port", "PORT", "8766", "internal listener port", (b, v) -> b.internalPort(integer(v))),
            new Option(
                    "secret",
                    "TEXT",
                    "(required)",
                    "shared HS256 secret, >= 32 bytes, for backend POSTs and callbacks",
                    (b, v) -> b.secret(SharedSecret.ofUtf8(v))),
            new Option(
                    "secret-file",
                    "PATH",
                    "(none)",
                    "read the shared secret from this file (trailing newline dropped)",
                    (b, v) -> b.secret(SharedSecret.ofUtf8(readSecret(v)))),
            new Option(
                    "insecure-no-auth",
                    "",
                    "off",
                    "run WITHOUT authentication (SocketDock compatibility); logs a warning",
                    (b, v) -> b.insecureNoAuth(bool(v))),
            new Option(
                    "compat-public-callbacks",
                    "",
                    "off",
                    "also serve the send and disconnect callbacks on the public port, as SocketDock does",
                    (b, v) -> b.compatPublicCallbacks(bool(v))),
            new Option(
                    "instance-id",
                    "ID",
                    "(random)",
                    "this instance's id in meta.instance_id and heartbeats",
                    (b, v) -> b.instanceId(v)),
            new Option(
                    "heartbeat-uri",
                    "URI",
                    "(none)",
                    "backend URI for instance heartbeats",
                    (b, v) -> b.heartbeatUri(URI.create(v))),
            new Option(
                    "heartbeat-interval",
                    "DURATION",
                    "10s",
                    "time between heartbeats",
                    (b, v) -> b.heartbeatInterval(duration(v))),
            new Option(
                    "ping-interval",
                    "DURATION",
                    "20s",
                    "WebSocket ping interval (0: off)",
                    (b, v) -> b.pingInterval(duration(v))),
            new Option(
                    "pong-timeout",
                    "DURATION",
                    "10s",
                    "close (1001) when no pong within this after a ping",
                    (b, v) -> b.pongTimeout(duration(v))),
            new Option(
                    "idle-timeout",
                    "DURATION",
                    "0 (off)",
                    "close (1001) after this long without a data frame",
                    (b, v) -> b.idleTimeout(duration(v))),
            new Option(
                    "max-lifetime",
                    "DURATION",
                    "0 (off)",
                    "close (1001) connections older than this",
                    (b, v) -> b.maxLifetime(duration(v))),
            new Option(
                    "max-frame-size",
                    "BYTES",
                    "4194304",
                    "largest frame payload; larger closes with 1009",
                    (b, v) -> b.maxFrameSize(integer(v))),
            new Option(
                    "max-callback-body",
                    "BYTES",
                    "4194304",
                    "largest callback body; larger gets 413",
                    (b, v) -> b.maxCallbackBody(integer(v))),
            new Option(
                    "max-connections",
                    "N",
                    "100000",
                    "open sockets per instance; more get 503 on upgrade",
                    (b, v) -> b.maxConnections(integer(v))),
            new Option(
                    "drain-window",
                    "DURATION",
                    "10s",
                    "on SIGTERM, close open sockets (1001) spread over this",
                    (b, v) -> b.drainWindow(duration(v))),
            new Option(
                    "backend-timeout",
                    "DURATION",
                    "10s",
                    "time limit of one backend POST",
                    (b, v) -> b.backendTimeout(duration(v))),
            new Option(
                    "backend-connect-timeout",
                    "DURATION",
                    "2s",
                    "TCP connect time limit to the backend",
                    (b, v) -> b.backendConnectTimeout(duration(v))),
            new Option(
                    "backend-retries",
                    "N",
                    "2",
                    "retries of a failed backend POST (same Idempotency-Key), then close 1011/1013",
                    (b, v) -> b.backendRetries(integer(v))),
            new Option(
                    "backend-pool-size",
                    "N",
                    "64",
                    "keep-alive connections per backend host",
                    (b, v) -> b.backendPoolSize(integer(v))),
            new Option(
                    "dispatch-queue-size",
                    "N",
                    "64",
                    "backend POSTs waiting per socket; more closes with 1013",
                    (b, v) -> b.dispatchQueueSize(integer(v))),
            new Option(
                    "write-buffer-high",
                    "BYTES",
                    "65536",
                    "outbound buffer high-water mark per socket; over it the send callback gets 503 (low mark = half)",
                    (b, v) -> b.writeBufferWaterMarks(integer(v) / 2, integer(v))),
            new Option(
                    "event-loop-threads",
                    "N",
                    "0 (2 x cores)",
                    "Netty event loop threads",
                    (b, v) -> b.eventLoopThreads(integer(v))));

    private ConfigParser() {}

    /**
     * Parses flags and environment.
     *
     * @throws IllegalArgumentException naming the offending flag and what was expected
     */
    public static RelayConfig parse(List<String> args, Map<String, String> env) {
        Map<String, Option> byName = new HashMap<>();
        for (Option o : OPTIONS) {
            byName.put(o.name(), o);
        }
        Map<Option, String> values = new LinkedHashMap<>();
        for (Option o : OPTIONS) {
            String v = env.get(o.env());
            if (v != null && !v.isEmpty()) {
                values.put(o, v);
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException(
                        arg + ": unexpected argument (expected: --flag [value]; see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option o = byName.get(name);
            if (o == null) {
                throw new IllegalArgumentException("--" + name + ": unknown flag (see --help)");
            }
            if (value == null) {
                if (o.isFlag()) {
                    value = "true";
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException(
                            "--" + name + ": missing value (expected: " + o.valueHint() + ")");
                }
            }
            values.put(o, value);
        }
        RelayConfig.Builder builder = RelayConfig.builder();
        values.forEach((o, v) -> {
            try {
                o.apply().accept(builder, v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + o.name() + " / " + o.env() + ": " + e.getMessage(), e);
            }
        });
        return builder.build();
    }

    /** The help text: one line per flag with its variable and default. */
    public static String help() {
        StringBuilder sb =
                new StringBuilder("Usage: socketdock-relay [flags]   (each flag also reads SOCKETDOCK_<FLAG>)\n");
        for (Option o : OPTIONS) {
            String flag = "--" + o.name() + (o.isFlag() ? "" : " " + o.valueHint());
            sb.append(String.format(
                    Locale.ROOT, "  %-32s %s [default %s; env %s]%n", flag, o.description(), o.defaultText(), o.env()));
        }
        return sb.toString();
    }

    /** The reference as a Markdown table (for the README). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| flag | environment | default | meaning |\n|---|---|---|---|\n");
        for (Option o : OPTIONS) {
            sb.append("| `--")
                    .append(o.name())
                    .append(o.isFlag() ? "" : " " + o.valueHint())
                    .append("` | `")
                    .append(o.env())
                    .append("` | ")
                    .append(o.defaultText())
                    .append(" | ")
                    .append(o.description())
                    .append(" |\n");
        }
        return sb.toString();
    }

    static int integer(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(v + " (expected: an integer)", e);
        }
    }

    static boolean bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(v + " (expected: true or false)");
        };
    }

    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(v + " (expected: a duration like 500ms, 20s, 5m, 1h)", e);
        }
    }

    private static String readSecret(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
