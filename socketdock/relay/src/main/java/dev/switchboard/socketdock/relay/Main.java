package dev.switchboard.socketdock.relay;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one relay: {@code java -jar socketdock-relay.jar --message-uri ... --secret ...} (see
 * {@link RelayOptions} or {@code --help} for every flag). SIGTERM (and Ctrl-C) starts the graceful
 * drain; the process exits once it is done. Exit status 2 for bad configuration.
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
}
