package dev.switchboard.mediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.config.RedisConfig;
import dev.switchboard.mediator.testing.RedisTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The due-time sets sharded into buckets, on a real Redis: claims across buckets, the upgrade's migration. */
class DueSetsTest {
    static RedisServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = RedisTestResource.freePort();
        server = new RedisServer(port);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static MediatorRedis connect(String prefix) {
        return connect("redis://127.0.0.1:" + port, prefix);
    }

    /** A connection to {@code uri} (standalone or {@code redis-cluster://}) with 16 due-set buckets. */
    static MediatorRedis connect(String uri, String prefix) {
        return new MediatorRedis(new RedisConfig() {
            public String uri() {
                return uri;
            }

            public Optional<String> password() {
                return Optional.empty();
            }

            public String durability() {
                return "none";
            }

            public Duration waitTimeout() {
                return Duration.ofSeconds(1);
            }

            public int dueSetBuckets() {
                return 16;
            }

            public String keyPrefix() {
                return prefix;
            }

            public Duration commandTimeout() {
                return Duration.ofSeconds(5);
            }

            public boolean embedded() {
                return false;
            }
        });
    }

    private static String prefix() {
        return "due-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aClaimTakesDueWalletsFromEveryBucketEarliestFirstAndLeavesTheRest() {
        MediatorRedis redis = connect(prefix());
        DeliveryDeadlines deadlines = new DeliveryDeadlines(redis);
        Instant t0 = Instant.ofEpochMilli(1_000_000);
        List<String> wallets =
                IntStream.range(0, 40).mapToObj(i -> "wallet-" + i).toList();
        Set<Integer> buckets = new HashSet<>();
        for (int i = 0; i < wallets.size(); i++) {
            deadlines.record(wallets.get(i), t0.plusMillis(i));
            buckets.add(redis.keys().bucketOf(wallets.get(i)));
        }
        deadlines.record("later", t0.plusSeconds(60));
        assertThat(buckets).as("the wallets spread over the buckets").hasSizeGreaterThan(8);

        DeliveryDeadlines.Claimed claimed = deadlines.claimDue(t0.plusMillis(39), t0.plusSeconds(30), 1000);
        assertThat(claimed.wallets()).containsExactlyElementsOf(wallets);
        assertThat(claimed.next()).isEqualTo(t0.plusSeconds(30)); // the claims' lease is the earliest left
        assertThat(deadlines.deadline("wallet-7")).isEqualTo(t0.plusSeconds(30));
        assertThat(deadlines
                        .claimDue(t0.plusMillis(39), t0.plusSeconds(30), 1000)
                        .wallets())
                .as("claimed wallets wait for their lease")
                .isEmpty();
    }

    @Test
    void aFullBatchAsksForTheNextSweepAtOnce() {
        DeliveryDeadlines deadlines = new DeliveryDeadlines(connect(prefix()));
        Instant t0 = Instant.ofEpochMilli(2_000_000);
        for (int i = 0; i < 30; i++) {
            deadlines.record("w" + i, t0);
        }
        DeliveryDeadlines.Claimed first = deadlines.claimDue(t0, t0.plusSeconds(30), 10);
        assertThat(first.wallets()).hasSize(10);
        assertThat(first.next()).isEqualTo(t0);
        Set<String> all = new HashSet<>(first.wallets());
        for (int sweep = 0; sweep < 5 && all.size() < 30; sweep++) {
            all.addAll(deadlines.claimDue(t0, t0.plusSeconds(30), 10).wallets());
        }
        assertThat(all).hasSize(30);
    }

    @Test
    void theUnshardedSetsOfEarlierVersionsMoveIntoTheBucketsAtStart() {
        String prefix = prefix();
        MediatorRedis redis = connect(prefix);
        redis.sync().zadd(prefix + ":deadlines", 1234.0, "old-wallet");
        redis.sync().zadd(prefix + ":push:due", 5678.0, "old-wallet");
        DeliveryDeadlines deadlines = new DeliveryDeadlines(redis);
        RedisPushSchedule push = new RedisPushSchedule(redis);

        assertThat(deadlines.deadline("old-wallet")).isEqualTo(Instant.ofEpochMilli(1234));
        assertThat(push.claimDue(Instant.ofEpochMilli(6000), Instant.ofEpochMilli(9000), 10))
                .containsExactly("old-wallet");
        assertThat(redis.sync().exists(prefix + ":deadlines", prefix + ":push:due"))
                .isZero();
    }
}
