package dev.switchboard.socketdock.relay;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one relay: {@code java -jar socketdock-relay.jar --message-uri ... --secret ...} (see
 * {@link RelayOptions} or {@code --help} for every flag). SIGTERM (and Ctrl-C) starts the graceful
 * drain; the process exits once it is done. Exit status 2 for bad configuration. Logging: {@code
 * SOCKETDOCK_LOG_FORMAT} ({@code text} or {@code json}) and {@code SOCKETDOCK_LOG_LEVEL}, read by the
 * relay's {@code logback.xml}.
 */
public final class Main {
    private Main() {}

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        List<String> argList = List.of(args);
        if (argList.contains("--help") || argList.contains("-h")) {
            System.out.print(RelayOptions.help());
            return;
        }
        RelayConfig config;
        try {
            checkLogSettings(System.getenv());
            config = RelayOptions.parse(argList, System.getenv());
        } catch (IllegalArgumentException | NullPointerException e) {
            System.err.println("socketdock-relay: " + e.getMessage());
            System.err.println("Run with --help for the list of flags.");
            System.exit(2);
            return;
        }
        Relay relay = Relay.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            relay.drainAndStop();
                            stopped.countDown();
                        },
                        "socketdock-drain"));
        stopped.await();
    }

    /**
     * Checks the two variables {@code logback.xml} reads (it has no way to refuse a bad value): {@code
     * SOCKETDOCK_LOG_FORMAT} {@code text|json} and {@code SOCKETDOCK_LOG_LEVEL} a logback level.
     */
    static void checkLogSettings(Map<String, String> env) {
        String format = env.getOrDefault("SOCKETDOCK_LOG_FORMAT", "text");
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("SOCKETDOCK_LOG_FORMAT: " + format + " (expected: text or json)");
        }
        String level = env.getOrDefault("SOCKETDOCK_LOG_LEVEL", "INFO");
        if (!Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "SOCKETDOCK_LOG_LEVEL: " + level + " (expected: TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
        }
    }
}
