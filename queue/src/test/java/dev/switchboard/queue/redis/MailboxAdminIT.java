package dev.switchboard.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.mailbox.DeadLetter;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.mailbox.MailboxAdmin;
import dev.switchboard.queue.mailbox.MailboxTotals;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.mailbox.RequeueResult;
import dev.switchboard.queue.metrics.CountingQueueMetrics;
import dev.switchboard.queue.metrics.MailboxGauges;
import dev.switchboard.queue.testing.MutableClock;
import dev.switchboard.queue.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator actions (dead-letter requeue and purge, mailbox deletion) and the totals, against a real Redis. */
class MailboxAdminIT {

    private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    private static final Duration TTL = Duration.ofHours(1);

    private static TestRedis redis;

    private final MutableClock clock = new MutableClock(T0);
    private final CountingQueueMetrics metrics = new CountingQueueMetrics();
    private RedisQueue queue;
    private Mailboxes mailboxes;
    private MailboxAdmin admin;
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
        // 3 dead letters kept per recipient
        MailboxSettings settings = new MailboxSettings(5, 1_000, TTL, TTL, Duration.ofHours(24), 3);
        queue = RedisQueue.connect(
                RedisSettings.of(redis.uri()).withKeyPrefix(TestRedis.freshPrefix()), settings, metrics, clock);
        mailboxes = queue.mailboxes();
        admin = queue.mailboxAdmin();
        recipient = "did:key:z6Mk" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        queue.close();
    }

    @Test
    void anExpiredMessageIsRequeuedWithItsBytesAndDeliveredInItsPlace() {
        enqueue(recipient, "m1", "first", T0);
        clock.advance(TTL.plusSeconds(1));
        enqueue(recipient, "m2", "second", clock.instant());
        join(mailboxes.status(recipient)); // the sweep makes m1 a dead letter
        List<DeadLetter> dead = join(mailboxes.deadLetters(recipient, 10));
        assertThat(dead).extracting(DeadLetter::messageId).containsExactly("m1");
        assertThat(dead.get(0).reason()).isEqualTo(DeadLetter.Reason.EXPIRED);

        RequeueResult result = join(admin.requeueDeadLetter(recipient, "m1"));

        assertThat(result).isEqualTo(new RequeueResult(RequeueResult.Outcome.REQUEUED, 2));
        assertThat(join(mailboxes.deadLetters(recipient, 10))).isEmpty();
        List<Delivery> batch =
                join(mailboxes.reserve(recipient, DeliveryRequest.of(10, "owner", Duration.ofSeconds(30))));
        assertThat(batch).extracting(Delivery::messageId).containsExactly("m1", "m2"); // its original place
        assertThat(new String(batch.get(0).message(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(batch.get(0).expiresAt()).isEqualTo(clock.instant().plus(TTL)); // a fresh time to live
        assertThat(metrics.requeued()).isEqualTo(1);
        // the record is gone: a second requeue finds nothing
        assertThat(join(admin.requeueDeadLetter(recipient, "m1")).outcome()).isEqualTo(RequeueResult.Outcome.NOT_FOUND);
    }

    @Test
    void requeueRefusesUnknownIdsStoredIdsAndAFullMailbox() {
        assertThat(join(admin.requeueDeadLetter(recipient, "nope")).outcome())
                .isEqualTo(RequeueResult.Outcome.NOT_FOUND);
        enqueue(recipient, "m1", "x", T0);
        clock.advance(TTL.plusSeconds(1));
        join(mailboxes.status(recipient)); // the sweep makes m1 a dead letter
        enqueue(recipient, "m1", "again", clock.instant()); // the sender retried after the expiry
        assertThat(join(admin.requeueDeadLetter(recipient, "m1")).outcome())
                .isEqualTo(RequeueResult.Outcome.ALREADY_STORED);
        for (int i = 2; i <= 5; i++) {
            enqueue(recipient, "m" + i, "x", clock.instant());
        }
        join(mailboxes.acknowledge(recipient, List.of("m1")));
        enqueue(recipient, "m6", "x", clock.instant()); // 5 stored: the count cap
        assertThat(join(admin.requeueDeadLetter(recipient, "m1")).outcome())
                .isEqualTo(RequeueResult.Outcome.FULL_COUNT);
        assertThat(join(mailboxes.deadLetters(recipient, 10))).hasSize(1); // kept for a later requeue
    }

    @Test
    void onlyTheNewestDeadLettersKeepTheirBytesAndPurgeDeletesThemAll() {
        for (int i = 1; i <= 5; i++) {
            enqueue(recipient, "m" + i, "x" + i, T0.plusMillis(i));
        }
        clock.advance(TTL.plusSeconds(1));
        join(mailboxes.status(recipient));
        assertThat(join(mailboxes.deadLetters(recipient, 10))).hasSize(3);
        // trimmed records took their bytes with them
        assertThat(join(admin.requeueDeadLetter(recipient, "m1")).outcome()).isEqualTo(RequeueResult.Outcome.NOT_FOUND);

        assertThat(join(admin.purgeDeadLetters(recipient))).isEqualTo(3);

        assertThat(join(mailboxes.deadLetters(recipient, 10))).isEmpty();
        assertThat(join(admin.requeueDeadLetter(recipient, "m5")).outcome()).isEqualTo(RequeueResult.Outcome.NOT_FOUND);
    }

    @Test
    void deleteRemovesEverythingOfOneMailboxAndOnlyThat() {
        String other = recipient + "-other";
        enqueue(recipient, "m1", "aa", T0);
        enqueue(recipient, "m2", "bbb", T0);
        join(mailboxes.reserve(recipient, DeliveryRequest.of(1, "owner", Duration.ofSeconds(30))));
        enqueue(other, "o1", "c", T0);

        assertThat(join(admin.delete(recipient))).isEqualTo(2);

        assertThat(join(mailboxes.status(recipient)).pendingCount()).isZero();
        assertThat(join(mailboxes.status(recipient)).inFlightCount()).isZero();
        assertThat(join(mailboxes.status(other)).pendingCount()).isEqualTo(1);
        // a re-sent message id is stored again: the de-duplication markers went too
        assertThat(enqueue(recipient, "m1", "aa", T0)).isInstanceOf(EnqueueResult.Stored.class);
        assertThat(join(admin.totals()).storedCount()).isEqualTo(2);
    }

    @Test
    void totalsFollowEveryUpdateAndTheGaugesReportThem() {
        String other = recipient + "-other";
        assertThat(join(admin.totals())).isEqualTo(new MailboxTotals(true, 0, 0, null, 0));
        enqueue(recipient, "m1", "aaaa", T0.plusSeconds(10));
        enqueue(recipient, "m2", "bb", T0.plusSeconds(20));
        enqueue(other, "o1", "c", T0.plusSeconds(5));
        assertThat(join(admin.totals())).isEqualTo(new MailboxTotals(true, 3, 7, T0.plusSeconds(5), 2));

        // handed out: still stored, no longer pending
        join(mailboxes.reserve(other, DeliveryRequest.of(10, "owner", Duration.ofSeconds(30))));
        assertThat(join(admin.totals())).isEqualTo(new MailboxTotals(true, 3, 7, T0.plusSeconds(10), 1));
        // released: pending again, in its place
        join(mailboxes.release(other, "owner"));
        assertThat(join(admin.totals()).oldestPending()).isEqualTo(T0.plusSeconds(5));
        join(mailboxes.acknowledge(other, List.of("o1")));
        join(mailboxes.acknowledge(recipient, List.of("m1")));
        assertThat(join(admin.totals())).isEqualTo(new MailboxTotals(true, 1, 2, T0.plusSeconds(20), 1));

        // expiry: dead letter, out of the totals; requeue: back in
        clock.advance(TTL.plusSeconds(30));
        join(mailboxes.status(recipient));
        assertThat(join(admin.totals())).isEqualTo(new MailboxTotals(true, 0, 0, null, 0));
        join(admin.requeueDeadLetter(recipient, "m2"));
        assertThat(join(admin.totals())).isEqualTo(new MailboxTotals(true, 1, 2, T0.plusSeconds(20), 1));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MailboxGauges gauges = MailboxGauges.register(registry, admin, clock, Duration.ZERO);
        org.awaitility.Awaitility.await().until(() -> gauges.last() != null);
        assertThat(registry.get("switchboard.queue.stored.messages").gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get("switchboard.queue.stored.bytes").gauge().value())
                .isEqualTo(2.0);
        assertThat(registry.get("switchboard.queue.mailboxes.pending").gauge().value())
                .isEqualTo(1.0);
        // now - receivedAt of m2 = TTL + 30 s - 20 s
        assertThat(registry.get("switchboard.queue.oldest.pending.age").gauge().value())
                .isEqualTo(TTL.plusSeconds(10).toSeconds());
    }

    private EnqueueResult enqueue(String to, String id, String body, Instant at) {
        return join(mailboxes.enqueue(to, id, body.getBytes(StandardCharsets.UTF_8), at, null));
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
