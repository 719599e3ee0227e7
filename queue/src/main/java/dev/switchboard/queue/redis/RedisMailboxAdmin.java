package dev.switchboard.queue.redis;

import static dev.switchboard.queue.redis.Args.bytes;
import static dev.switchboard.queue.redis.Args.number;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.mailbox.MailboxAdmin;
import dev.switchboard.queue.mailbox.MailboxTotals;
import dev.switchboard.queue.mailbox.RequeueResult;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link MailboxAdmin} on Redis: requeue, purge and delete are Lua scripts over one recipient's
 * hash-tagged keys (see {@link Keys#mailbox}); the totals are read from the totals hash and the head of
 * the oldest-pending index that every mailbox script keeps on a standalone server.
 */
final class RedisMailboxAdmin implements MailboxAdmin {

    private static final String PRELUDE = "mailbox-prelude.lua";
    private static final LuaScript REQUEUE = LuaScript.load("requeue", PRELUDE, "mailbox-requeue.lua");
    private static final LuaScript PURGE = LuaScript.load("purge dead letters", PRELUDE, "mailbox-purge-dead.lua");
    private static final LuaScript DELETE = LuaScript.load("delete mailbox", PRELUDE, "mailbox-delete.lua");

    private final RedisConnection connection;
    private final Keys keys;
    private final MailboxSettings settings;
    private final QueueMetrics metrics;
    private final Clock clock;
    private final Timed timed;

    RedisMailboxAdmin(
            RedisConnection connection, Keys keys, MailboxSettings settings, QueueMetrics metrics, Clock clock) {
        this.connection = connection;
        this.keys = keys;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.timed = new Timed(metrics);
    }

    @Override
    public CompletionStage<RequeueResult> requeueDeadLetter(String recipient, String messageId) {
        requireId("recipient", recipient);
        requireId("messageId", messageId);
        long now = clock.millis();
        return timed.run(
                QueueOperation.REQUEUE,
                "requeue",
                () -> REQUEUE.<List<Object>>run(
                                connection.async(),
                                ScriptOutputType.MULTI,
                                keys.mailbox(recipient),
                                bytes(now),
                                bytes(settings.dedupeWindow().toMillis()),
                                bytes(settings.deadLetterLimit()),
                                bytes(messageId),
                                bytes(now + settings.defaultTtl().toMillis()),
                                bytes(settings.maxCount()),
                                bytes(settings.maxBytes()))
                        .thenApply(reply -> switch ((int) number(reply, 0)) {
                            case 0 -> {
                                metrics.requeued(1);
                                yield new RequeueResult(RequeueResult.Outcome.REQUEUED, number(reply, 1));
                            }
                            case 1 -> new RequeueResult(RequeueResult.Outcome.NOT_FOUND, 0);
                            case 2 ->
                                new RequeueResult(
                                        number(reply, 1) == 0
                                                ? RequeueResult.Outcome.FULL_COUNT
                                                : RequeueResult.Outcome.FULL_BYTES,
                                        0);
                            default -> new RequeueResult(RequeueResult.Outcome.ALREADY_STORED, 0);
                        }));
    }

    @Override
    public CompletionStage<Long> purgeDeadLetters(String recipient) {
        requireId("recipient", recipient);
        return timed.run(
                QueueOperation.PURGE,
                "purge dead letters",
                () -> PURGE.<Long>run(connection.async(), ScriptOutputType.INTEGER, keys.mailbox(recipient)));
    }

    @Override
    public CompletionStage<Long> delete(String recipient) {
        requireId("recipient", recipient);
        return timed.run(
                QueueOperation.DELETE,
                "delete mailbox",
                () -> DELETE.<Long>run(connection.async(), ScriptOutputType.INTEGER, keys.mailbox(recipient)));
    }

    @Override
    public CompletionStage<MailboxTotals> totals() {
        if (!keys.keepsTotals()) {
            return CompletableFuture.completedFuture(MailboxTotals.NOT_KEPT);
        }
        return timed.run(QueueOperation.TOTALS, "mailbox totals", () -> {
            var async = connection.async();
            var figures = async.hmget(keys.mailboxTotals(), "n", "b").toCompletableFuture();
            var head = async.zrangeWithScores(keys.mailboxIndex(), 0, 0).toCompletableFuture();
            var mailboxes = async.zcard(keys.mailboxIndex()).toCompletableFuture();
            return CompletableFuture.allOf(figures, head, mailboxes).thenApply(ignored -> {
                long n = 0;
                long b = 0;
                for (var value : figures.join()) {
                    if (value.hasValue()) {
                        long v = Long.parseLong(Args.string(value.getValue()));
                        if ("n".equals(value.getKey())) {
                            n = v;
                        } else {
                            b = v;
                        }
                    }
                }
                Instant oldest = head.join().isEmpty()
                        ? null
                        : Instant.ofEpochMilli((long) head.join().get(0).getScore());
                return new MailboxTotals(true, n, b, oldest, mailboxes.join());
            });
        });
    }

    @Override
    public CompletionStage<java.util.List<String>> pendingBefore(Instant before, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        if (!keys.keepsTotals()) {
            return CompletableFuture.completedFuture(java.util.List.of());
        }
        return timed.run(
                QueueOperation.TOTALS,
                "mailboxes pending before",
                () -> connection
                        .async()
                        .zrangebyscore(
                                keys.mailboxIndex(),
                                io.lettuce.core.Range.create(-Double.MAX_VALUE, (double) before.toEpochMilli()),
                                io.lettuce.core.Limit.create(0, limit))
                        .thenApply(members -> members.stream()
                                .map(m -> keys.recipientOfPending(Args.string(m)))
                                .filter(java.util.Objects::nonNull)
                                .toList()));
    }

    private static void requireId(String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + ": '' (expected: non-empty)");
        }
    }
}
