package dev.switchboard.loadtest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The parameters of one run, from {@code loadtest.*} system properties (defaults: the smoke run).
 *
 * @param wallets virtual wallets in this JVM ({@code loadtest.wallets}, 200)
 * @param ramp time over which wallets connect and onboard ({@code loadtest.rampSeconds}, 10)
 * @param rate forwards per second from this JVM ({@code loadtest.rate}, 20)
 * @param duration how long senders send ({@code loadtest.durationSeconds}, 30)
 * @param settle pause between the end of the wallet ramp and the first forward ({@code
 *     loadtest.settleSeconds}, 5)
 * @param drain how long wallets stay after the last forward to receive what is outstanding ({@code
 *     loadtest.drainSeconds}, 20); they leave earlier once nothing is outstanding
 * @param offlineFraction share of wallets that go offline once while forwards are sent and come back through
 *     the next relay URL ({@code loadtest.offline}, 0.1)
 * @param offlineTime how long such a wallet stays away ({@code loadtest.offlineSeconds}, 5)
 * @param poll how often a wallet processes the frames it received ({@code loadtest.pollMillis}, 500)
 * @param ping trust ping interval ({@code loadtest.pingSeconds}, 60)
 * @param contentChars basicmessage content size ({@code loadtest.contentChars}, 100)
 * @param localAddresses source addresses for WebSockets, round robin ({@code loadtest.localAddresses}, comma
 *     list; empty = the OS's choice)
 * @param wsUrls WebSocket URLs of relays or the load balancer ({@code loadtest.ws}, comma list; empty = start
 *     a cluster in this JVM)
 * @param httpUrls HTTP URLs of mediators or the load balancer ({@code loadtest.http}, comma list)
 * @param killRelayAfter SIGKILL relay 0 this long after the first forward ({@code loadtest.killRelaySeconds}, 0
 *     = never; needs the in-JVM cluster)
 * @param killMediatorAfter SIGKILL mediator 0 this long after the first forward ({@code
 *     loadtest.killMediatorSeconds}, 0 = never)
 * @param chaosCell the {@link dev.switchboard.loadtest.cluster.ChaosCell} whose faults the nemesis injects
 *     ({@code loadtest.chaosCell}, a cell name such as {@code redis-kill}; empty = none; needs the in-JVM cluster
 *     started with {@code loadtest.haproxy}, {@code loadtest.systemRedis} and {@code loadtest.faultProxy})
 * @param runId a prefix for message ids ({@code loadtest.runId}, default from the clock)
 *     <p>Also read directly: {@code loadtest.prepack} (forwards packed ahead by a background thread, 0 = pack
 *     at send time), {@code loadtest.reportFile} (where the JSON figures go).
 */
public record LoadSettings(
        int wallets,
        Duration ramp,
        double rate,
        Duration duration,
        Duration settle,
        Duration drain,
        double offlineFraction,
        Duration offlineTime,
        Duration poll,
        Duration ping,
        int contentChars,
        List<String> localAddresses,
        List<String> wsUrls,
        List<String> httpUrls,
        Duration killRelayAfter,
        Duration killMediatorAfter,
        String chaosCell,
        String runId) {

    public LoadSettings {
        if (wallets < 1) {
            throw new IllegalArgumentException("wallets: %s (expected: >= 1)".formatted(wallets));
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate: %s (expected: >= 0)".formatted(rate));
        }
        if (offlineFraction < 0 || offlineFraction > 1) {
            throw new IllegalArgumentException("offlineFraction: %s (expected: 0..1)".formatted(offlineFraction));
        }
    }

    /** Reads the system properties. */
    public static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                Integer.getInteger("loadtest.wallets", 200),
                seconds("loadtest.rampSeconds", 10),
                Double.parseDouble(System.getProperty("loadtest.rate", "20")),
                seconds("loadtest.durationSeconds", 30),
                seconds("loadtest.settleSeconds", 5),
                seconds("loadtest.drainSeconds", 20),
                Double.parseDouble(System.getProperty("loadtest.offline", "0.1")),
                seconds("loadtest.offlineSeconds", 5),
                Duration.ofMillis(Long.getLong("loadtest.pollMillis", 500)),
                seconds("loadtest.pingSeconds", 60),
                Integer.getInteger("loadtest.contentChars", 100),
                list("loadtest.localAddresses"),
                list("loadtest.ws"),
                list("loadtest.http"),
                seconds("loadtest.killRelaySeconds", 0),
                seconds("loadtest.killMediatorSeconds", 0),
                System.getProperty("loadtest.chaosCell", ""),
                System.getProperty("loadtest.runId", Long.toString(System.currentTimeMillis(), 36)));
    }

    /** True when this JVM must start the system under test itself. */
    public boolean startsCluster() {
        return wsUrls.isEmpty();
    }

    private static Duration seconds(String name, long def) {
        return Duration.ofMillis(Math.round(Double.parseDouble(System.getProperty(name, Long.toString(def))) * 1000));
    }

    private static List<String> list(String name) {
        String v = System.getProperty(name, "");
        return Arrays.stream(v.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
