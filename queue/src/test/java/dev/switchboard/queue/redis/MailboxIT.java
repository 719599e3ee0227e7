package dev.switchboard.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.mailbox.DeadLetter;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.mailbox.MailboxFullException;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.CountingQueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import dev.switchboard.queue.testing.MutableClock;
import dev.switchboard.queue.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mailbox semantics against a real Redis server. */
class MailboxIT {

    private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static TestRedis redis;

    private final MutableClock clock = new MutableClock(T0);
    private final CountingQueueMetrics metrics = new CountingQueueMetrics();
    private RedisQueue queue;
    private Mailboxes mailboxes;
    private String recipient;

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
        MailboxSettings settings =
                new MailboxSettings(5, 1_000, Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(24), 100);
        queue = RedisQueue.connect(
                RedisSettings.of(redis.uri()).withKeyPrefix(TestRedis.freshPrefix()), settings, metrics, clock);
        mailboxes = queue.mailboxes();
        recipient = "did:key:z6Mk" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        queue.close();
    }

    @Test
    void enqueueIsIdempotentByMessageIdAlsoAfterAcknowledgement() {
        assertThat(enqueue("m1", 10, T0)).isEqualTo(new EnqueueResult.Stored(1));
        assertThat(enqueue("m1", 10, T0)).isInstanceOf(EnqueueResult.Duplicate.class);
        assertThat(enqueue("m1", 99, T0.plusSeconds(1))).isInstanceOf(EnqueueResult.Duplicate.class);
        assertThat(status().pendingCount()).isEqualTo(1);
        assertThat(status().pendingBytes()).isEqualTo(10);

        assertThat(join(mailboxes.acknowledge(recipient, List.of("m1")))).isEqualTo(1);
        assertThat(enqueue("m1", 10, T0))
                .as("a late retry of an acknowledged forward")
                .isInstanceOf(EnqueueResult.Duplicate.class);
        assertThat(status().pendingCount()).isZero();
        assertThat(metrics.enqueued()).isEqualTo(1);
        assertThat(metrics.duplicates()).isEqualTo(3);
        assertThat(metrics.calls(QueueOperation.ENQUEUE)).isEqualTo(4);
    }

    @Test
    void deliversOldestFirstWithCountAndByteLimits() {
        enqueue("c", 100, T0.plusSeconds(3));
        enqueue("a", 100, T0.plusSeconds(1));
        enqueue("d", 100, T0.plusSeconds(4));
        enqueue("b", 100, T0.plusSeconds(2));

        List<Delivery> first = reserve(new DeliveryRequest(3, 250, "owner-1", LEASE));
        assertThat(ids(first)).containsExactly("a", "b");
        assertThat(first.get(0).message()).isEqualTo(body("a", 100));
        assertThat(first.get(0).receivedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(first.get(0).attempt()).isEqualTo(1);
        assertThat(first.get(0).owner()).isEqualTo("owner-1");
        assertThat(first.get(0).leaseUntil()).isEqualTo(T0.plus(LEASE));

        assertThat(ids(reserve(DeliveryRequest.of(1, "owner-1", LEASE)))).containsExactly("c");
        assertThat(ids(reserve(new DeliveryRequest(5, 10, "owner-1", LEASE))))
                .as("the oldest message is handed out even when larger than the byte limit")
                .containsExactly("d");
        assertThat(reserve(DeliveryRequest.of(5, "owner-1", LEASE))).isEmpty();
    }

    @Test
    void inFlightMessagesAreNotCountedAndReturnToPendingWhenTheLeaseEnds() {
        enqueue("a", 10, T0.plusSeconds(1));
        enqueue("b", 20, T0.plusSeconds(2));
        enqueue("c", 40, T0.plusSeconds(3));
        clock.advance(Duration.ofSeconds(10));

        assertThat(ids(reserve(DeliveryRequest.of(2, "owner-1", LEASE)))).containsExactly("a", "b");
        MailboxStatus during = status();
        assertThat(during.pendingCount()).isEqualTo(1);
        assertThat(during.pendingBytes()).isEqualTo(40);
        assertThat(during.inFlightCount()).isEqualTo(2);
        assertThat(during.oldestReceived()).isEqualTo(T0.plusSeconds(3));
        assertThat(during.newestReceived()).isEqualTo(T0.plusSeconds(3));
        assertThat(during.longestWait()).isEqualTo(Duration.ofSeconds(7));

        clock.advance(LEASE.minusMillis(1));
        assertThat(status().pendingCount()).as("lease not over yet").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        MailboxStatus after = status();
        assertThat(after.pendingCount()).isEqualTo(3);
        assertThat(after.pendingBytes()).isEqualTo(70);
        assertThat(after.inFlightCount()).isZero();
        assertThat(after.oldestReceived()).isEqualTo(T0.plusSeconds(1));
        assertThat(metrics.inFlightReclaimed()).isEqualTo(2);

        List<Delivery> again = reserve(DeliveryRequest.of(10, "owner-2", LEASE));
        assertThat(ids(again)).as("original order kept").containsExactly("a", "b", "c");
        assertThat(again.get(0).attempt()).isEqualTo(2);
        assertThat(again.get(0).redelivered()).isTrue();
        assertThat(again.get(2).attempt()).isEqualTo(1);
        assertThat(metrics.redelivered()).isEqualTo(2);
    }

    @Test
    void releaseReturnsOnlyTheOwnersMessagesToPending() {
        enqueue("a", 10, T0);
        enqueue("b", 10, T0.plusSeconds(1));
        enqueue("c", 10, T0.plusSeconds(2));
        reserve(DeliveryRequest.of(2, "socket-A", LEASE));
        reserve(DeliveryRequest.of(1, "socket-B", LEASE));

        assertThat(join(mailboxes.release(recipient, "socket-X"))).isZero();
        assertThat(join(mailboxes.release(recipient, "socket-A"))).isEqualTo(2);
        assertThat(status().pendingCount()).isEqualTo(2);
        assertThat(status().inFlightCount()).isEqualTo(1);
        assertThat(ids(reserve(DeliveryRequest.of(5, "socket-C", LEASE)))).containsExactly("a", "b");
        assertThat(metrics.released()).isEqualTo(2);
    }

    @Test
    void renewExtendsOnlyTheOwnersStillHeldLeases() {
        enqueue("a", 10, T0);
        enqueue("b", 10, T0.plusSeconds(1));
        enqueue("c", 10, T0.plusSeconds(2));
        Duration sending = Duration.ofSeconds(2);
        reserve(DeliveryRequest.of(2, "socket-A", sending));
        reserve(DeliveryRequest.of(1, "socket-B", sending));

        assertThat(join(mailboxes.renew(recipient, "socket-A", List.of("a", "b", "c", "zz"), T0.plus(LEASE))))
                .isEqualTo(2);
        clock.advance(sending.plusMillis(1));
        // c (socket-B, short lease) is reclaimed; a and b keep socket-A's renewed lease
        assertThat(ids(reserve(DeliveryRequest.of(5, "socket-C", LEASE)))).containsExactly("c");
        assertThat(join(mailboxes.renew(recipient, "socket-B", List.of("c"), T0.plus(LEASE))))
                .as("c is socket-C's now")
                .isZero();
        clock.advance(LEASE);
        assertThat(ids(reserve(DeliveryRequest.of(5, "socket-D", LEASE)))).containsExactly("a", "b", "c");
    }

    @Test
    void acknowledgeDeletesAndIsIdempotent() {
        enqueue("a", 10, T0);
        enqueue("b", 10, T0.plusSeconds(1));
        enqueue("c", 10, T0.plusSeconds(2));
        reserve(DeliveryRequest.of(2, "owner-1", LEASE));

        assertThat(join(mailboxes.acknowledge(recipient, List.of("a", "c", "unknown"))))
                .isEqualTo(2);
        assertThat(join(mailboxes.acknowledge(recipient, List.of("a", "c")))).isZero();
        assertThat(join(mailboxes.acknowledge(recipient, List.of()))).isZero();
        MailboxStatus status = status();
        assertThat(status.pendingCount()).isZero();
        assertThat(status.inFlightCount()).isEqualTo(1);
        assertThat(status.oldestReceived()).isNull();
        assertThat(status.longestWait()).isEqualTo(Duration.ZERO);

        clock.advance(LEASE.plusSeconds(1));
        assertThat(ids(reserve(DeliveryRequest.of(5, "owner-2", LEASE)))).containsExactly("b");
        assertThat(join(mailboxes.acknowledge(recipient, List.of("b"))))
                .as("in flight only")
                .isEqualTo(1);
        assertThat(status().inFlightCount()).isZero();
        assertThat(status().pendingBytes()).isZero();
        assertThat(metrics.acknowledged()).isEqualTo(3);
    }

    @Test
    void anIdListedTwiceIsAcknowledgedOnce() {
        enqueue("a", 10, T0);
        enqueue("b", 10, T0.plusSeconds(1));
        reserve(DeliveryRequest.of(1, "owner", LEASE));
        assertThat(join(mailboxes.acknowledge(recipient, List.of("a", "a", "b", "b"))))
                .isEqualTo(2);
        assertThat(status()).isEqualTo(new MailboxStatus(0, 0, null, null, Duration.ZERO, 0));
        for (int i = 0; i < 5; i++) {
            assertThat(enqueue("n" + i, 200, T0).accepted())
                    .as("the figures the cap checks were not lowered twice")
                    .isTrue();
        }
        assertThat(enqueue("n5", 1, T0).accepted()).isFalse();
    }

    @Test
    void capRejectsByCountAndByBytesWithATypedResult() {
        for (int i = 0; i < 5; i++) {
            assertThat(enqueue("m" + i, 10, T0.plusSeconds(i)).accepted()).isTrue();
        }
        EnqueueResult full = enqueue("m5", 10, T0.plusSeconds(5));
        assertThat(full).isEqualTo(new EnqueueResult.Full(EnqueueResult.Limit.COUNT, 5, 50, 5, 1_000));
        assertThat(full.accepted()).isFalse();
        MailboxFullException error = ((EnqueueResult.Full) full).toException(recipient);
        assertThat(error.problemCode()).isEqualTo("e.p.me.res.storage");
        assertThat(error.getMessage()).contains(recipient, "COUNT");

        reserve(DeliveryRequest.of(1, "owner", LEASE));
        assertThat(enqueue("m5", 10, T0).accepted())
                .as("in-flight messages count against the cap")
                .isFalse();
        join(mailboxes.acknowledge(recipient, List.of("m0", "m1")));
        assertThat(enqueue("big", 980, T0))
                .isEqualTo(new EnqueueResult.Full(EnqueueResult.Limit.BYTES, 3, 30, 5, 1_000));
        assertThat(enqueue("fits", 970, T0)).isInstanceOf(EnqueueResult.Stored.class);
        assertThat(metrics.rejectedByCap()).isEqualTo(3);
    }

    @Test
    void enqueuesSentTogetherKeepTheirOwnOutcomes() {
        // more enqueues at once than calls may be in flight: the later ones share script calls.
        // First one alone, so the server knows the script: an EVALSHA answered NOSCRIPT is sent again
        // as EVAL, after calls sent later, and which of two enqueues of one id stores would change.
        assertThat(join(mailboxes.enqueue(recipient + "-first", "m0", body("m0", 10), T0, null)))
                .isEqualTo(new EnqueueResult.Stored(1));
        String[] recipients = {recipient, recipient + "-b", recipient + "-c"};
        List<CompletableFuture<EnqueueResult>> results = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            for (String r : recipients) {
                results.add(mailboxes
                        .enqueue(r, "m" + i, body("m" + i, 10), T0.plusSeconds(i), null)
                        .toCompletableFuture());
                if (i == 2) {
                    results.add(mailboxes
                            .enqueue(r, "m1", body("m1", 10), T0.plusSeconds(i), null)
                            .toCompletableFuture());
                }
            }
        }
        List<EnqueueResult> outcomes =
                results.stream().map(CompletableFuture::join).toList();
        List<EnqueueResult> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            for (int r = 0; r < recipients.length; r++) {
                expected.add(
                        i < 5
                                ? new EnqueueResult.Stored(i + 1)
                                : new EnqueueResult.Full(EnqueueResult.Limit.COUNT, 5, 50, 5, 1_000));
                if (i == 2) {
                    expected.add(new EnqueueResult.Duplicate());
                }
            }
        }
        assertThat(outcomes).isEqualTo(expected);
        for (String r : recipients) {
            assertThat(ids(join(mailboxes.reserve(r, DeliveryRequest.of(10, "owner", LEASE)))))
                    .containsExactly("m0", "m1", "m2", "m3", "m4");
        }
        assertThat(metrics.enqueued()).isEqualTo(16);
        assertThat(metrics.duplicates()).isEqualTo(3);
        assertThat(metrics.rejectedByCap()).isEqualTo(6);
    }

    @Test
    void expiredMessagesLeaveDeadLetters() {
        enqueue("short", 10, T0, T0.plusSeconds(60));
        enqueue("default", 20, T0.plusSeconds(1), null); // default TTL 1 h
        enqueue("long", 30, T0.plusSeconds(2), T0.plus(Duration.ofDays(30))); // capped at the maximum TTL 2 h
        reserve(DeliveryRequest.of(1, "owner", Duration.ofDays(1))); // "short" in flight still expires

        clock.advance(Duration.ofSeconds(61));
        assertThat(status().pendingCount()).isEqualTo(2);
        clock.advance(Duration.ofHours(1));
        assertThat(status().pendingCount()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        MailboxStatus status = status();
        assertThat(status.pendingCount()).isZero();
        assertThat(status.inFlightCount()).isZero();

        List<DeadLetter> dead = join(mailboxes.deadLetters(recipient, 10));
        assertThat(dead).extracting(DeadLetter::messageId).containsExactly("long", "default", "short");
        DeadLetter first = dead.get(2);
        assertThat(first.recipient()).isEqualTo(recipient);
        assertThat(first.reason()).isEqualTo(DeadLetter.Reason.EXPIRED);
        assertThat(first.size()).isEqualTo(10);
        assertThat(first.receivedAt()).isEqualTo(T0);
        assertThat(first.droppedAt()).isEqualTo(T0.plusSeconds(61));
        assertThat(join(mailboxes.deadLetters(recipient, 1))).hasSize(1);
        assertThat(join(mailboxes.acknowledge(recipient, List.of("short")))).isZero();
        assertThat(metrics.expired()).isEqualTo(3);
        assertThat(enqueue("again", 10, T0.plus(Duration.ofHours(3))).accepted())
                .as("expired messages free the cap")
                .isTrue();
    }

    @Test
    void aFullMailboxOfExpiredMessagesAcceptsANewOne() {
        for (int i = 0; i < 5; i++) {
            enqueue("old" + i, 10, T0, T0.plusSeconds(60));
        }
        assertThat(enqueue("new", 10, T0).accepted()).isFalse();
        clock.advance(Duration.ofSeconds(61));
        // no read in between: the enqueue itself drops the expired messages before checking the cap
        assertThat(enqueue("new", 10, T0.plusSeconds(61))).isEqualTo(new EnqueueResult.Stored(1));
        assertThat(join(mailboxes.deadLetters(recipient, 10))).hasSize(5);
        assertThat(metrics.expired()).isEqualTo(5);
    }

    @Test
    void acknowledgedIdsAreForgottenAfterTheDeduplicationWindow() {
        enqueue("m1", 10, T0);
        join(mailboxes.acknowledge(recipient, List.of("m1")));
        clock.advance(Duration.ofHours(23));
        status();
        assertThat(enqueue("m1", 10, T0)).isInstanceOf(EnqueueResult.Duplicate.class);
        clock.advance(Duration.ofHours(2));
        status(); // reads age the markers out
        assertThat(enqueue("m1", 10, T0.plus(Duration.ofHours(25)))).isInstanceOf(EnqueueResult.Stored.class);
    }

    @Test
    void recipientsAreIsolatedAndBracesInNamesAreHarmless() {
        String other = "{weird}" + recipient;
        enqueue("a", 10, T0);
        assertThat(join(mailboxes.enqueue(other, "a", body("a", 5), T0, null)))
                .isInstanceOf(EnqueueResult.Stored.class);
        assertThat(join(mailboxes.status(other)).pendingBytes()).isEqualTo(5);
        assertThat(status().pendingBytes()).isEqualTo(10);
    }

    @Test
    void largeBatchesAreSplitAcrossScriptCalls() {
        try (RedisQueue big = RedisQueue.connect(
                RedisSettings.of(redis.uri()).withKeyPrefix(TestRedis.freshPrefix()),
                MailboxSettings.defaults(),
                metrics,
                clock)) {
            List<CompletableFuture<EnqueueResult>> stored = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                ids.add("m" + i);
                stored.add(big.mailboxes()
                        .enqueue(recipient, "m" + i, body("m" + i, 8), T0.plusMillis(i), null)
                        .toCompletableFuture());
            }
            stored.forEach(CompletableFuture::join);
            List<Delivery> batch = join(big.mailboxes().reserve(recipient, DeliveryRequest.of(5_000, "owner", LEASE)));
            assertThat(batch).hasSize(RedisMailboxes.MAX_BATCH);
            assertThat(batch.get(499).messageId()).isEqualTo("m499");
            assertThat(join(big.mailboxes().acknowledge(recipient, ids))).isEqualTo(1_200);
            assertThat(join(big.mailboxes().status(recipient)).pendingCount()).isZero();
        }
    }

    private EnqueueResult enqueue(String id, int size, Instant receivedAt) {
        return enqueue(id, size, receivedAt, null);
    }

    private EnqueueResult enqueue(String id, int size, Instant receivedAt, Instant expiresAt) {
        return join(mailboxes.enqueue(recipient, id, body(id, size), receivedAt, expiresAt));
    }

    private List<Delivery> reserve(DeliveryRequest request) {
        return join(mailboxes.reserve(recipient, request));
    }

    private MailboxStatus status() {
        return join(mailboxes.status(recipient));
    }

    private static byte[] body(String id, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) '.');
        byte[] tag = id.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, bytes, 0, Math.min(tag.length, size));
        return bytes;
    }

    private static List<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::messageId).toList();
    }

    static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
