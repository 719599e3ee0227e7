package dev.switchboard.queue.redis;

import static dev.switchboard.queue.redis.MailboxIT.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.config.StreamLogSettings;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundEntry;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisShardedCluster;

/**
 * The adapters in Redis Cluster mode, on a real three-shard cluster of embedded Redis servers: every
 * script's keys share the recipient's hash tag, so each lands on one slot whatever node owns it.
 */
class ClusterIT {

    private static RedisShardedCluster cluster;
    private static String uris;

    @BeforeAll
    static void startCluster() throws Exception {
        List<Integer> ports =
                IntStream.range(0, 3).map(i -> TestRedis.freePort()).boxed().toList();
        cluster = RedisShardedCluster.newRedisCluster()
                .shard("a", 0)
                .shard("b", 0)
                .shard("c", 0)
                .serverPorts(ports)
                .initializationTimeout(Duration.ofSeconds(20))
                .build();
        cluster.start();
        uris = cluster.serverPorts().stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
        awaitClusterStateOk(cluster.serverPorts());
    }

    /**
     * {@code start()} returns once the slots are assigned, but each node answers CLUSTERDOWN until gossip has
     * told it about the others: wait (up to 30 s) until every node reports {@code cluster_state:ok}.
     */
    private static void awaitClusterStateOk(List<Integer> ports) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int port : ports) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                while (!connection.sync().clusterInfo().contains("cluster_state:ok")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("cluster node :" + port + " never reached cluster_state:ok");
                    }
                    Thread.sleep(50);
                }
            } finally {
                client.shutdown();
            }
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void mailboxesRoutesAndTheLogWorkAcrossShards() {
        RedisSettings settings =
                RedisSettings.of(uris).withMode(RedisSettings.Mode.CLUSTER).withKeyPrefix(TestRedis.freshPrefix());
        try (RedisQueue queue =
                RedisQueue.connect(settings, MailboxSettings.defaults(), QueueMetrics.NOOP, Clock.systemUTC())) {
            List<String> recipients =
                    IntStream.range(0, 30).mapToObj(i -> "did:key:z" + i).toList();
            Set<Integer> slots = new HashSet<>();
            Instant now = Instant.now();
            for (String r : recipients) {
                slots.add(SlotHash.getSlot(Keys.tag(r)) * 3 / SlotHash.SLOT_COUNT);
                assertThat(join(queue.mailboxes().enqueue(r, "m1", bytes("one"), now, null)))
                        .isInstanceOf(EnqueueResult.Stored.class);
                assertThat(join(queue.mailboxes().enqueue(r, "m2", bytes("two"), now.plusMillis(1), null)))
                        .isInstanceOf(EnqueueResult.Stored.class);
                assertThat(join(queue.mailboxes().enqueue(r, "m1", bytes("one"), now, null)))
                        .isInstanceOf(EnqueueResult.Duplicate.class);
            }
            assertThat(slots)
                    .as("recipients spread over the three shards' slot ranges")
                    .hasSize(3);
            for (String r : recipients) {
                List<Delivery> batch =
                        join(queue.mailboxes().reserve(r, DeliveryRequest.of(10, "o", Duration.ofMinutes(1))));
                assertThat(batch).extracting(Delivery::messageId).containsExactly("m1", "m2");
                assertThat(join(queue.mailboxes().acknowledge(r, List.of("m1", "m2"))))
                        .isEqualTo(2);
                assertThat(join(queue.mailboxes().status(r)).pendingCount()).isZero();
            }

            join(queue.routeTable().heartbeat("relay-1", Duration.ofMinutes(1)));
            Instant since = now.truncatedTo(ChronoUnit.MILLIS);
            for (String r : recipients) {
                join(queue.routeTable()
                        .put(new Route(
                                r,
                                "relay-1",
                                "c1",
                                URI.create("http://relay-1/socket/c1/send"),
                                URI.create("http://relay-1/socket/c1/disconnect"),
                                since,
                                since.plusSeconds(60))));
            }
            assertThat(join(queue.routeTable().routes(recipients.get(7)))).hasSize(1);
            assertThat(join(queue.routeTable().removeConnection("relay-1", "c1")))
                    .isEqualTo(recipients.size());

            try (InboundLog log = queue.inboundLog(StreamLogSettings.defaults());
                    InboundConsumer consumer = log.consumer("m-1")) {
                join(log.append(null, bytes("hello")));
                List<InboundEntry> entries = consumer.poll(10, Duration.ofMillis(200));
                assertThat(entries)
                        .extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
                        .containsExactly("hello");
                consumer.acknowledge(entries);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
