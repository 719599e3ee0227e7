package dev.switchboard.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.config.StreamLogSettings;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundEntry;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.metrics.CountingQueueMetrics;
import dev.switchboard.queue.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis Streams inbound log against a real Redis server. */
class StreamInboundLogIT {

    private static TestRedis redis;

    private final CountingQueueMetrics metrics = new CountingQueueMetrics();
    private RedisQueue queue;
    private InboundLog log;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void connect() {
        queue = RedisQueue.connect(
                RedisSettings.of(redis.uri()).withKeyPrefix(TestRedis.freshPrefix()),
                MailboxSettings.defaults(),
                metrics,
                Clock.systemUTC());
        log = queue.inboundLog(StreamLogSettings.defaults());
    }

    @AfterEach
    void close() {
        log.close();
        queue.close();
    }

    @Test
    void appendedEntriesAreConsumedOnceByTheGroup() {
        List<String> ids = append(0, 6);
        assertThat(ids).doesNotHaveDuplicates();
        try (InboundConsumer a = log.consumer("mediator-a");
                InboundConsumer b = log.consumer("mediator-b")) {
            List<InboundEntry> first = a.poll(4, Duration.ofMillis(100));
            List<InboundEntry> second = b.poll(10, Duration.ofMillis(100));
            assertThat(payloads(first)).containsExactly("m0", "m1", "m2", "m3");
            assertThat(payloads(second)).containsExactly("m4", "m5");
            assertThat(first.get(0).id()).isEqualTo(ids.get(0));
            assertThat(first.get(0).key()).isEqualTo("key-0");
            assertThat(first.get(0).deliveryCount()).isEqualTo(1);
            a.acknowledge(first);
            b.acknowledge(second);
            b.acknowledge(second); // idempotent
            assertThat(a.poll(10, Duration.ofMillis(50))).isEmpty();
            assertThat(b.reclaim(Duration.ofMillis(1), 100))
                    .as("nothing left unacknowledged")
                    .isEmpty();
        }
        assertThat(metrics.logAppended()).isEqualTo(6);
    }

    @Test
    void entriesOfAConsumerKilledMidBatchAreReclaimed() throws InterruptedException {
        append(0, 10);
        List<InboundEntry> lost;
        InboundConsumer doomed = log.consumer("mediator-doomed");
        lost = doomed.poll(10, Duration.ofMillis(100));
        doomed.acknowledge(lost.subList(0, 3)); // processed 3, then died
        doomed.close(); // its connection is gone; Redis still holds the 7 as pending for it

        try (InboundConsumer survivor = log.consumer("mediator-survivor")) {
            append(10, 12);
            List<InboundEntry> fresh = survivor.poll(10, Duration.ofMillis(100));
            assertThat(payloads(fresh)).containsExactly("m10", "m11");
            survivor.acknowledge(fresh);

            assertThat(survivor.reclaim(Duration.ofSeconds(30), 100))
                    .as("not idle long enough")
                    .isEmpty();
            Thread.sleep(250);
            List<InboundEntry> reclaimed = survivor.reclaim(Duration.ofMillis(200), 100);
            assertThat(payloads(reclaimed)).containsExactly("m3", "m4", "m5", "m6", "m7", "m8", "m9");
            assertThat(reclaimed).allSatisfy(e -> assertThat(e.deliveryCount()).isGreaterThan(1));
            survivor.acknowledge(reclaimed);
            Thread.sleep(5);
            assertThat(survivor.reclaim(Duration.ofMillis(1), 100)).isEmpty();
        }
        assertThat(metrics.logReclaimed()).isEqualTo(7);
    }

    private List<String> append(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(MailboxIT.join(log.append("key-" + i, ("m" + i).getBytes(StandardCharsets.UTF_8))));
        }
        return ids;
    }

    static List<String> payloads(List<InboundEntry> entries) {
        return entries.stream()
                .map(e -> new String(e.payload(), StandardCharsets.UTF_8))
                .toList();
    }
}
