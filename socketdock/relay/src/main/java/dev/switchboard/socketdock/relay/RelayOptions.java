package dev.switchboard.socketdock.relay;

import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The relay's flags (SocketDock's {@code --bindip --bindport --endpoint --message-uri --disconnect-uri
 * --connect-uri} and ours), declared once for picocli, which parses them and generates {@code --help}.
 * Every flag {@code --some-name} also reads the environment variable {@code SOCKETDOCK_SOME_NAME}
 * (an empty variable counts as unset); a flag wins over the variable. Values go through {@link
 * RelayConfig.Builder}, whose checks name the field; errors are reported with the flag and its variable.
 * Durations take {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h} or a plain number of seconds.
 * Booleans given by variable take {@code true/false}, {@code 1/0}, {@code yes/no}, {@code on/off}.
 */
@Command(
        name = "socketdock-relay",
        sortOptions = false,
        usageHelpWidth = 120,
        headerHeading = "Usage: socketdock-relay [flags]   (each flag also reads the variable shown; a flag wins)%n",
        synopsisHeading = "",
        customSynopsis = "")
public final class RelayOptions {
    /** Prefix of the environment variables. */
    public static final String ENV_PREFIX = "SOCKETDOCK_";

    @Option(
            names = "--bindip",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "public WebSocket listener address")
    String bindIp = "";

    @Option(
            names = "--bindport",
            paramLabel = "PORT",
            defaultValue = "8765",
            description = "public WebSocket listener port (/ws and /)")
    int bindPort;

    @Option(
            names = "--endpoint",
            paramLabel = "URI",
            description =
                    "this instance's base URI for callbacks as backends reach it; unique per instance (unset: http://<internal-ip>:<internal-port>)")
    @Nullable
    URI endpoint;

    @Option(names = "--message-uri", paramLabel = "URI", description = "backend URI for messages (required)")
    @Nullable
    URI messageUri;

    @Option(
            names = "--disconnect-uri",
            paramLabel = "URI",
            description = "backend URI for disconnect notices (unset: none sent)")
    @Nullable
    URI disconnectUri;

    @Option(
            names = "--connect-uri",
            paramLabel = "URI",
            description =
                    "backend URI for connect events; a non-2xx answer closes the socket with 1008 (unset: none sent)")
    @Nullable
    URI connectUri;

    @Option(
            names = "--internal-ip",
            paramLabel = "ADDR",
            description = "internal listener address: callbacks, health, metrics (unset: = --bindip)")
    @Nullable
    String internalIp;

    @Option(
            names = "--internal-port",
            paramLabel = "PORT",
            defaultValue = "8766",
            description = "internal listener port")
    int internalPort;

    @Option(
            names = "--secret",
            paramLabel = "TEXT",
            description =
                    "shared HS256 secret, >= 32 bytes, for backend POSTs and callbacks (this or --secret-file is required)")
    @Nullable
    String secret;

    @Option(
            names = "--secret-file",
            paramLabel = "PATH",
            description = "read the shared secret from this file (trailing newline dropped)")
    @Nullable
    Path secretFile;

    @Option(
            names = "--insecure-no-auth",
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "false",
            description = "run WITHOUT authentication (SocketDock compatibility); logs a warning")
    boolean insecureNoAuth;

    @Option(
            names = "--compat-public-callbacks",
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "false",
            description = "also serve the send and disconnect callbacks on the public port, as SocketDock does")
    boolean compatPublicCallbacks;

    @Option(
            names = "--instance-id",
            paramLabel = "ID",
            description = "this instance's id in meta.instance_id and heartbeats (unset: random)")
    @Nullable
    String instanceId;

    @Option(
            names = "--heartbeat-uri",
            paramLabel = "URI",
            description = "backend URI for instance heartbeats (unset: none sent)")
    @Nullable
    URI heartbeatUri;

    @Option(
            names = "--heartbeat-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "time between heartbeats")
    Duration heartbeatInterval = Duration.ZERO;

    @Option(
            names = "--ping-interval",
            paramLabel = "DURATION",
            defaultValue = "20s",
            description = "WebSocket ping interval (0: off)")
    Duration pingInterval = Duration.ZERO;

    @Option(
            names = "--pong-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "close (1001) when no pong within this after a ping")
    Duration pongTimeout = Duration.ZERO;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            defaultValue = "0",
            description = "close (1001) after this long without a data frame (0: off)")
    Duration idleTimeout = Duration.ZERO;

    @Option(
            names = "--max-lifetime",
            paramLabel = "DURATION",
            defaultValue = "0",
            description = "close (1001) connections older than this (0: off)")
    Duration maxLifetime = Duration.ZERO;

    @Option(
            names = "--max-frame-size",
            paramLabel = "BYTES",
            defaultValue = "4194304",
            description = "largest frame payload; larger closes with 1009")
    int maxFrameSize;

    @Option(
            names = "--max-callback-body",
            paramLabel = "BYTES",
            defaultValue = "4194304",
            description = "largest callback body; larger gets 413")
    int maxCallbackBody;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            defaultValue = "100000",
            description = "open sockets per instance; more get 503 on upgrade")
    int maxConnections;

    @Option(
            names = "--drain-window",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "on SIGTERM, close open sockets (1001) spread over this")
    Duration drainWindow = Duration.ZERO;

    @Option(
            names = "--backend-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "time limit of one backend POST")
    Duration backendTimeout = Duration.ZERO;

    @Option(
            names = "--backend-connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "TCP connect time limit to the backend")
    Duration backendConnectTimeout = Duration.ZERO;

    @Option(
            names = "--backend-retries",
            paramLabel = "N",
            defaultValue = "2",
            description = "retries of a failed backend POST (same Idempotency-Key), then close 1011/1013")
    int backendRetries;

    @Option(
            names = "--backend-pool-size",
            paramLabel = "N",
            defaultValue = "64",
            description = "keep-alive connections per backend host")
    int backendPoolSize;

    @Option(
            names = "--dispatch-queue-size",
            paramLabel = "N",
            defaultValue = "64",
            description = "backend POSTs waiting per socket; more closes with 1013")
    int dispatchQueueSize;

    @Option(
            names = "--write-buffer-high",
            paramLabel = "BYTES",
            defaultValue = "65536",
            description =
                    "outbound buffer high-water mark per socket; over it the send callback gets 503 (low mark = half)")
    int writeBufferHigh;

    @Option(
            names = "--event-loop-threads",
            paramLabel = "N",
            defaultValue = "0",
            description = "Netty event loop threads (0: Netty's default, 2 x cores)")
    int eventLoopThreads;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "print this help and exit")
    boolean help;

    private RelayOptions() {}

    /**
     * Parses flags over environment variables into a checked configuration.
     *
     * @throws IllegalArgumentException naming the offending flag, its variable and what was expected
     */
    public static RelayConfig parse(List<String> args, Map<String, String> env) {
        RelayOptions options = new RelayOptions();
        CommandLine cl = commandLine(options, env);
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            ArgSpec arg = e.getArgSpec();
            String where = arg instanceof OptionSpec o ? o.longestName() + " / " + env(o) + ": " : "";
            throw new IllegalArgumentException(where + e.getMessage() + " (see --help)", e);
        }
        try {
            return options.toConfig(parsed.hasMatchedOption("--secret"), parsed.hasMatchedOption("--secret-file"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(named(cl.getCommandSpec(), e.getMessage()), e);
        }
    }

    /** The help text, generated from the declarations above: one entry per flag with its default and variable. */
    public static String help() {
        StringWriter out = new StringWriter();
        commandLine(new RelayOptions(), Map.of()).usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
        return out.toString();
    }

    /** The variable a flag reads: {@code --max-frame-size} reads {@code SOCKETDOCK_MAX_FRAME_SIZE}. */
    static String env(OptionSpec option) {
        return ENV_PREFIX
                + option.longestName().substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static CommandLine commandLine(RelayOptions options, Map<String, String> env) {
        CommandLine cl = new CommandLine(options)
                .registerConverter(Duration.class, RelayOptions::duration)
                .registerConverter(Boolean.class, RelayOptions::bool)
                .registerConverter(boolean.class, RelayOptions::bool)
                .setDefaultValueProvider(arg -> {
                    if (!(arg instanceof OptionSpec o) || o.usageHelp()) {
                        return null;
                    }
                    String v = env.get(env(o));
                    return v == null || v.isEmpty() ? null : v;
                });
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : List.copyOf(spec.options())) {
            if (o.usageHelp()) {
                continue;
            }
            String suffix =
                    " [default: " + (o.defaultValue() == null ? "-" : o.defaultValue()) + "; env: " + env(o) + "]";
            spec.remove(o);
            spec.addOption(
                    o.toBuilder().description(o.description()[0] + suffix).build());
        }
        return cl;
    }

    private RelayConfig toConfig(boolean secretFlag, boolean secretFileFlag) {
        RelayConfig.Builder b = RelayConfig.builder()
                .bindIp(bindIp)
                .bindPort(bindPort)
                .endpoint(endpoint)
                .disconnectUri(disconnectUri)
                .connectUri(connectUri)
                .heartbeatUri(heartbeatUri)
                .internalPort(internalPort)
                .secret(secret(secretFlag, secretFileFlag))
                .insecureNoAuth(insecureNoAuth)
                .compatPublicCallbacks(compatPublicCallbacks)
                .heartbeatInterval(heartbeatInterval)
                .pingInterval(pingInterval)
                .pongTimeout(pongTimeout)
                .idleTimeout(idleTimeout)
                .maxLifetime(maxLifetime)
                .maxFrameSize(maxFrameSize)
                .maxCallbackBody(maxCallbackBody)
                .maxConnections(maxConnections)
                .drainWindow(drainWindow)
                .backendTimeout(backendTimeout)
                .backendConnectTimeout(backendConnectTimeout)
                .backendRetries(backendRetries)
                .backendPoolSize(backendPoolSize)
                .dispatchQueueSize(dispatchQueueSize)
                .writeBufferWaterMarks(writeBufferHigh / 2, writeBufferHigh)
                .eventLoopThreads(eventLoopThreads);
        if (messageUri != null) {
            b.messageUri(messageUri);
        }
        if (internalIp != null) {
            b.internalIp(internalIp);
        }
        if (instanceId != null) {
            b.instanceId(instanceId);
        }
        return b.build();
    }

    /** {@code --secret} or {@code --secret-file}; when both are set, the one given as a flag wins. */
    private @Nullable SharedSecret secret(boolean secretFlag, boolean secretFileFlag) {
        if (secret != null && secretFile != null && secretFlag == secretFileFlag) {
            throw new IllegalArgumentException(
                    "secret: both --secret and --secret-file are set the same way (expected: one of them)");
        }
        boolean useFile = secretFile != null && (secret == null || secretFileFlag);
        if (useFile) {
            try {
                return SharedSecret.ofUtf8(
                        Files.readString(secretFile, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "secretFile: " + secretFile + " cannot be read (" + e.getMessage() + ")", e);
            }
        }
        return secret == null ? null : SharedSecret.ofUtf8(secret);
    }

    /** Prefixes a builder message ({@code "maxFrameSize: 0 (expected: > 0)"}) with the flag and variable of that field. */
    private static String named(CommandSpec spec, String message) {
        String field = message.substring(0, Math.max(0, message.indexOf(':')));
        String flag = field.equals("writeBufferLow") ? "writeBufferHigh" : field;
        for (OptionSpec o : spec.options()) {
            if (o.userObject() instanceof java.lang.reflect.Field f
                    && f.getName().equals(flag)) {
                return o.longestName() + " / " + env(o) + ": " + message;
            }
        }
        return message;
    }

    static boolean bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new CommandLine.TypeConversionException(v + " (expected: true or false)");
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
            throw new CommandLine.TypeConversionException(v + " (expected: a duration like 500ms, 20s, 5m, 1h)");
        }
    }
}
