package dev.switchboard.mediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.testing.LocalRedisCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The delivery deadlines of many wallets on a real 3-primary Redis Cluster: the commands on the due-set
 * buckets, counted per primary by the server ({@code INFO commandstats}), spread over the shards, none taking
 * half (one unsharded set would put all of them on one).
 */
class DueSetsClusterIT {
    private static final int WALLETS = 3_000;

    @Test
    void deadlineWritesAndSweepsSpreadOverThePrimaries() {
        try (LocalRedisCluster cluster = LocalRedisCluster.start(3, 0)) {
            MediatorRedis redis = DueSetsTest.connect(cluster.seeds(), "spread");
            DeliveryDeadlines deadlines = new DeliveryDeadlines(redis);
            Map<Integer, long[]> before = commandCounts(cluster);
            Instant t0 = Instant.ofEpochMilli(5_000_000);
            for (int i = 0; i < WALLETS; i++) {
                deadlines.record("did:peer:2.wallet-" + i, t0.plusMillis(i));
            }
            int claimed = 0;
            for (int sweep = 0; sweep < 10; sweep++) {
                claimed += deadlines
                        .claimDue(t0.plusMillis(WALLETS), t0.plusSeconds(60), 1000)
                        .wallets()
                        .size();
            }
            assertThat(claimed).isEqualTo(WALLETS);
            Map<Integer, long[]> after = commandCounts(cluster);

            long total = 0;
            Map<Integer, Long> perPrimary = new LinkedHashMap<>();
            for (var entry : after.entrySet()) {
                long[] b = before.get(entry.getKey());
                long ops = (entry.getValue()[0] - b[0]) + (entry.getValue()[1] - b[1]);
                perPrimary.put(entry.getKey(), ops);
                total += ops;
            }
            long sum = total;
            StringBuilder line = new StringBuilder(
                    "due-set commands per primary (ZADD + EVAL), " + WALLETS + " wallets recorded and swept:");
            for (var entry : perPrimary.entrySet()) {
                line.append(" :%d %d (%.1f%%)"
                        .formatted(entry.getKey(), entry.getValue(), 100.0 * entry.getValue() / total));
            }
            System.out.println(line);
            assertThat(perPrimary.values())
                    .hasSize(3)
                    .allSatisfy(ops -> assertThat((double) ops / sum).isBetween(0.2, 0.47));
            redis.onStop(null);
        }
    }

    /** Per primary port: calls of ZADD and EVAL so far ({@code INFO commandstats}). */
    private static Map<Integer, long[]> commandCounts(LocalRedisCluster cluster) {
        Map<Integer, long[]> counts = new LinkedHashMap<>();
        for (LocalRedisCluster.Node node : cluster.primaries()) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + node.port());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                String stats = c.sync().info("commandstats");
                counts.put(node.port(), new long[] {calls(stats, "zadd"), calls(stats, "eval")});
            } finally {
                client.shutdown();
            }
        }
        return counts;
    }

    private static long calls(String commandstats, String command) {
        for (String line : commandstats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }
}
