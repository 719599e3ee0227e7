package dev.switchboard.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.CountingQueueMetrics;
import dev.switchboard.queue.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several threads on two client connections enqueue (with retried duplicates), reserve and
 * acknowledge at once. Every message must be delivered, and delivered again only after a delivery
 * attempt that ended without acknowledgement (here: batches a consumer drops, which come back when
 * their lease ends).
 */
class ConcurrentMailboxIT {

    private static final int RECIPIENTS = 20;
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 750;
    private static final int CONSUMERS = 4;
    private static final Duration LEASE =
            Duration.ofSeconds(8); // well above any reserve-to-acknowledge pause on a loaded machine

    private static TestRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void nothingLostNothingDeliveredTwiceOutsideALeaseExpiry() throws Exception {
        String prefix = TestRedis.freshPrefix();
        CountingQueueMetrics metrics = new CountingQueueMetrics();
        RedisSettings settings = RedisSettings.of(redis.uri()).withKeyPrefix(prefix);
        MailboxSettings limits = MailboxSettings.defaults();
        int total = PRODUCERS * PER_PRODUCER;
        Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> dropped = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();

        try (RedisQueue first = RedisQueue.connect(settings, limits, metrics, Clock.systemUTC());
                RedisQueue second = RedisQueue.connect(settings, limits, metrics, Clock.systemUTC())) {
            Mailboxes[] clients = {first.mailboxes(), second.mailboxes()};
            ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
            List<Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                producers.add(pool.submit(() -> {
                    Mailboxes mailboxes = clients[producer % 2];
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        String id = "p" + producer + "-" + i;
                        String recipient = recipient(i % RECIPIENTS);
                        byte[] body = id.getBytes(StandardCharsets.UTF_8);
                        EnqueueResult result =
                                MailboxIT.join(mailboxes.enqueue(recipient, id, body, Instant.now(), null));
                        assertThat(result).isInstanceOf(EnqueueResult.Stored.class);
                        if (i % 10 == 0) { // a retried forward, through the other connection
                            EnqueueResult again = MailboxIT.join(
                                    clients[(producer + 1) % 2].enqueue(recipient, id, body, Instant.now(), null));
                            assertThat(again).isInstanceOf(EnqueueResult.Duplicate.class);
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                int consumer = c;
                consumers.add(pool.submit(() -> {
                    Mailboxes mailboxes = clients[consumer % 2];
                    int r = consumer;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (acknowledged.get() < total && System.nanoTime() < deadline) {
                        String recipient = recipient(r++ % RECIPIENTS);
                        List<Delivery> batch = MailboxIT.join(
                                mailboxes.reserve(recipient, DeliveryRequest.of(10, "consumer-" + consumer, LEASE)));
                        for (Delivery d : batch) {
                            assertThat(new String(d.message(), StandardCharsets.UTF_8))
                                    .isEqualTo(d.messageId());
                            deliveries
                                    .computeIfAbsent(d.messageId(), k -> new CopyOnWriteArrayList<>())
                                    .add(d);
                        }
                        if (!batch.isEmpty() && ThreadLocalRandom.current().nextInt(50) == 0) {
                            // the socket died mid-delivery: no acknowledgement, the lease will end
                            batch.forEach(d -> dropped.computeIfAbsent(d.messageId(), k -> new AtomicInteger())
                                    .incrementAndGet());
                            continue;
                        }
                        List<String> ids =
                                batch.stream().map(Delivery::messageId).toList();
                        acknowledged.addAndGet(MailboxIT.join(mailboxes.acknowledge(recipient, ids)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : producers) {
                collect(f, errors);
            }
            for (Future<?> f : consumers) {
                collect(f, errors);
            }
            pool.shutdown();
            assertThat(errors).isEmpty();

            assertThat(acknowledged.get()).isEqualTo(total);
            assertThat(deliveries).hasSize(total);
            long redeliveries = 0;
            for (Map.Entry<String, List<Delivery>> e : deliveries.entrySet()) {
                int drops =
                        dropped.getOrDefault(e.getKey(), new AtomicInteger()).get();
                List<Delivery> attempts = e.getValue();
                assertThat(attempts)
                        .as("deliveries of %s (dropped %d times)", e.getKey(), drops)
                        .hasSize(drops + 1);
                assertThat(attempts.stream()
                                .mapToInt(Delivery::attempt)
                                .sorted()
                                .toArray())
                        .as("attempt numbers of %s", e.getKey())
                        .containsExactly(java.util.stream.IntStream.rangeClosed(1, drops + 1)
                                .toArray());
                redeliveries += drops;
            }
            assertThat(metrics.redelivered()).isEqualTo(redeliveries);
            assertThat(metrics.inFlightReclaimed()).isEqualTo(redeliveries);
            assertThat(metrics.enqueued()).isEqualTo(total);
            assertThat(metrics.acknowledged()).isEqualTo(total);
            for (int r = 0; r < RECIPIENTS; r++) {
                MailboxStatus status = MailboxIT.join(first.mailboxes().status(recipient(r)));
                assertThat(status.pendingCount() + status.inFlightCount()).isZero();
                assertThat(status.pendingBytes()).isZero();
            }
        }
    }

    private static String recipient(int i) {
        return "did:key:recipient-" + i;
    }

    private static void collect(Future<?> future, List<Throwable> errors) throws InterruptedException {
        try {
            future.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            errors.add(e);
        }
    }
}
