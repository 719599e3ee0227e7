package dev.switchboard.socketdock.relay;

import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The relay's command line on picocli: the flags are the {@code @Option} setters of {@link
 * RelayConfigBuilder} (SocketDock's {@code --bindip --bindport --endpoint --message-uri --disconnect-uri
 * --connect-uri} and ours); this class adds their environment variables, the value converters and
 * {@code --help}. Every flag {@code --some-name} also reads {@code SOCKETDOCK_SOME_NAME} (an empty variable
 * counts as unset); a flag wins over the variable, and of two flags the later wins. Durations take {@code
 * 500ms}, {@code 20s}, {@code 5m}, {@code 1h} or a plain number of seconds; booleans {@code true/false},
 * {@code 1/0}, {@code yes/no}, {@code on/off}.
 *
 * @see <a href="https://picocli.info/#_default_provider">picocli default providers</a>
 */
public final class RelayOptions {
    /** Prefix of the environment variables. */
    public static final String ENV_PREFIX = "SOCKETDOCK_";

    private RelayOptions() {}

    /**
     * Parses flags over environment variables into a checked configuration.
     *
     * @throws IllegalArgumentException naming the offending flag, its variable and what was expected
     */
    public static RelayConfig parse(List<String> args, Map<String, String> env) {
        RelayConfigBuilder builder = new RelayConfigBuilder();
        try {
            commandLine(builder, env).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            IllegalArgumentException check = checkFailure(e);
            OptionSpec option = e.getArgSpec() instanceof OptionSpec o ? o : setterOf(e, check);
            String where = option == null ? "" : option.longestName() + " / " + env(option) + ": ";
            throw new IllegalArgumentException(
                    where + (check != null ? check.getMessage() : e.getMessage()) + " (see --help)", e);
        }
        return builder.build();
    }

    /** The help text, generated from the flag declarations: each flag with its default and variable. */
    public static String help() {
        StringWriter out = new StringWriter();
        commandLine(new RelayConfigBuilder(), Map.of()).usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
        return out.toString();
    }

    /** Applies the flags' defaults (not the environment) to a new builder. */
    static RelayConfigBuilder withDefaults(RelayConfigBuilder builder) {
        commandLine(builder, Map.of()).parseArgs();
        return builder;
    }

    /** The variable a flag reads: {@code --max-frame-size} reads {@code SOCKETDOCK_MAX_FRAME_SIZE}. */
    static String env(OptionSpec option) {
        return ENV_PREFIX
                + option.longestName().substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static CommandLine commandLine(RelayConfigBuilder builder, Map<String, String> env) {
        CommandLine cl = new CommandLine(builder)
                .setCommandName("socketdock-relay")
                .registerConverter(Duration.class, RelayOptions::duration)
                .registerConverter(Boolean.class, RelayOptions::bool)
                .registerConverter(boolean.class, RelayOptions::bool)
                .registerConverter(SharedSecret.class, SharedSecret::ofUtf8)
                .setDefaultValueProvider(arg -> {
                    if (!(arg instanceof OptionSpec o) || o.usageHelp()) {
                        return null;
                    }
                    String v = env.get(env(o));
                    return v == null || v.isEmpty() ? null : v;
                });
        CommandSpec spec = cl.getCommandSpec();
        spec.usageMessage()
                .width(120)
                .sortOptions(false)
                .synopsisHeading("")
                .customSynopsis(
                        "Usage: socketdock-relay [flags]   (each flag also reads the variable shown; a flag wins)");
        for (OptionSpec o : List.copyOf(spec.options())) {
            String shown = o.defaultValue() == null ? "-" : o.defaultValue();
            spec.remove(o);
            spec.addOption(o.toBuilder()
                    .description(o.description()[0] + " [default: " + shown + "; env: " + env(o) + "]")
                    .build());
        }
        spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("print this help and exit")
                .build());
        return cl;
    }

    /** The option whose setter a check message ({@code "maxFrameSize: 0 (expected: > 0)"}) comes from. */
    private static @Nullable OptionSpec setterOf(ParameterException e, @Nullable IllegalArgumentException check) {
        if (check == null || check.getMessage() == null) {
            return null;
        }
        String field =
                check.getMessage().substring(0, Math.max(0, check.getMessage().indexOf(':')));
        for (OptionSpec o : e.getCommandLine().getCommandSpec().options()) {
            if (o.userObject() instanceof java.lang.reflect.Method m
                    && m.getName().equals(field)) {
                return o;
            }
        }
        return null;
    }

    /** The builder's own check behind a failed setter call, if that is what failed. */
    private static @Nullable IllegalArgumentException checkFailure(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && !(t instanceof NumberFormatException)) {
                return iae;
            }
        }
        return null;
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
