package dev.switchboard.queue.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.queue.config.KafkaLogSettings;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundEntry;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.metrics.CountingQueueMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka inbound log against a real in-process KRaft broker. */
class KafkaInboundLogIT {

    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startKafka() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("group.min.session.timeout.ms", "500")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static KafkaLogSettings settings(String name) {
        return new KafkaLogSettings(
                cluster.bootstrapServers(),
                "inbound-" + name,
                "mediators-" + name,
                Duration.ofSeconds(2),
                Map.of("max.poll.interval.ms", "2000"));
    }

    @Test
    void aSecondConsumerJoiningTakesOverPartitions() {
        KafkaLogSettings settings = settings("rebalance");
        KafkaInboundLog.createTopic(settings, 4, (short) 1);
        CountingQueueMetrics metrics = new CountingQueueMetrics();
        try (InboundLog log = KafkaInboundLog.create(settings, metrics);
                InboundConsumer a = log.consumer("mediator-a")) {
            append(log, 0, 20);
            Set<String> early = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (early.size() < 20 && System.nanoTime() < deadline) {
                List<InboundEntry> batch = a.poll(50, Duration.ofMillis(200));
                batch.forEach(e -> assertThat(early.add(text(e)))
                        .as("duplicate %s", text(e))
                        .isTrue());
                a.acknowledge(batch);
            }
            assertThat(early).hasSize(20);

            try (InboundConsumer b = log.consumer("mediator-b")) {
                List<String> byA = new ArrayList<>();
                List<String> byB = new ArrayList<>();
                // B joins: drive both members until the group settled and B owns partitions
                deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                int next = 20;
                while ((byA.size() + byB.size() < next - 20 || byB.isEmpty() || byA.size() == 0)
                        && System.nanoTime() < deadline) {
                    if (next < 200) {
                        append(log, next, next + 20);
                        next += 20;
                    }
                    drain(a, byA);
                    drain(b, byB);
                }
                drainUntil(a, b, byA, byB, next - 20, deadline);
                List<String> all = new ArrayList<>(byA);
                all.addAll(byB);
                assertThat(byB).as("the joining member got partitions").isNotEmpty();
                assertThat(byA).as("the first member kept some").isNotEmpty();
                assertThat(new HashSet<>(all)).containsAll(expected(20, next));
                assertThat(all)
                        .as("a graceful rebalance commits first: nothing twice")
                        .doesNotHaveDuplicates();
                assertThat(all).doesNotContainAnyElementsOf(early);
            }
        }
        assertThat(metrics.logAppended()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void entriesOfAConsumerKilledMidBatchGoToTheSurvivor() {
        KafkaLogSettings settings = settings("kill");
        KafkaInboundLog.createTopic(settings, 2, (short) 1);
        try (InboundLog log = KafkaInboundLog.create(settings, new CountingQueueMetrics())) {
            append(log, 0, 10);
            InboundConsumer doomed = log.consumer("mediator-doomed");
            try {
                List<InboundEntry> batch = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (batch.size() < 10 && System.nanoTime() < deadline) {
                    batch.addAll(doomed.poll(10 - batch.size(), Duration.ofMillis(200)));
                }
                assertThat(batch).hasSize(10);
                List<InboundEntry> done = List.of(batch.get(0)); // processed one, then hung: never polls again
                doomed.acknowledge(done);

                Set<String> unacknowledged = new HashSet<>();
                batch.subList(1, 10).forEach(e -> unacknowledged.add(text(e)));
                List<String> bySurvivor = new ArrayList<>();
                try (InboundConsumer survivor = log.consumer("mediator-survivor")) {
                    deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                    while (!new HashSet<>(bySurvivor).containsAll(unacknowledged) && System.nanoTime() < deadline) {
                        drain(survivor, bySurvivor);
                    }
                }
                assertThat(bySurvivor)
                        .as("re-read after the doomed member was evicted")
                        .containsAll(unacknowledged);
                assertThat(bySurvivor).doesNotContain(text(batch.get(0)));
            } finally {
                doomed.close();
            }
        }
    }

    private static void drainUntil(
            InboundConsumer a, InboundConsumer b, List<String> byA, List<String> byB, int count, long deadline) {
        while (byA.size() + byB.size() < count && System.nanoTime() < deadline) {
            drain(a, byA);
            drain(b, byB);
        }
    }

    private static void drain(InboundConsumer consumer, List<String> into) {
        List<InboundEntry> batch = consumer.poll(50, Duration.ofMillis(100));
        batch.forEach(e -> into.add(text(e)));
        consumer.acknowledge(batch);
    }

    private static void append(InboundLog log, int from, int to) {
        for (int i = from; i < to; i++) {
            log.append("k" + i, ("m" + i).getBytes(StandardCharsets.UTF_8))
                    .toCompletableFuture()
                    .join();
        }
    }

    private static Set<String> expected(int from, int to) {
        Set<String> out = new HashSet<>();
        for (int i = from; i < to; i++) {
            out.add("m" + i);
        }
        return out;
    }

    private static String text(InboundEntry entry) {
        return new String(entry.payload(), StandardCharsets.UTF_8);
    }
}
