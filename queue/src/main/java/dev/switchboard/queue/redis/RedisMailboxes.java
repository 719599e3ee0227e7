package dev.switchboard.queue.redis;

import static dev.switchboard.queue.redis.Args.bytes;
import static dev.switchboard.queue.redis.Args.number;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.mailbox.DeadLetter;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * {@link Mailboxes} on Redis: one Lua script per operation over the recipient's hash-tagged keys (see
 * {@link Keys#mailbox}), so each operation is atomic and lands on one cluster slot.
 */
final class RedisMailboxes implements Mailboxes {

    private static final String PRELUDE = "mailbox-prelude.lua";
    private static final LuaScript ENQUEUE_SWEEP =
            LuaScript.load("enqueue with sweep", PRELUDE, "mailbox-enqueue-sweep.lua");
    private static final LuaScript RESERVE = LuaScript.load("reserve", PRELUDE, "mailbox-reserve.lua");
    private static final LuaScript ACKNOWLEDGE = LuaScript.load("acknowledge", PRELUDE, "mailbox-acknowledge.lua");
    private static final LuaScript RELEASE = LuaScript.load("release", PRELUDE, "mailbox-release.lua");
    private static final LuaScript STATUS = LuaScript.load("status", PRELUDE, "mailbox-status.lua");
    private static final EnqueueResult.Duplicate DUPLICATE = new EnqueueResult.Duplicate();
    /** Most messages one script call reserves or acknowledges (bounds script time and Lua's stack). */
    static final int MAX_BATCH = 500;

    private final RedisConnection connection;
    private final Keys keys;
    private final MailboxSettings settings;
    private final QueueMetrics metrics;
    private final Clock clock;
    private final Timed timed;
    private final EnqueueBatcher batcher;
    private final ReplicaWait replicas;
    // script arguments that never change: encoded once
    private final byte[] dedupeMs;
    private final byte[] deadLetterLimit;

    RedisMailboxes(
            RedisConnection connection,
            Keys keys,
            MailboxSettings settings,
            QueueMetrics metrics,
            Clock clock,
            ReplicaWait replicas) {
        this.connection = connection;
        this.replicas = replicas;
        this.keys = keys;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.timed = new Timed(metrics);
        this.batcher = new EnqueueBatcher(connection, keys.enqueueTotals(), settings.maxCount(), settings.maxBytes());
        this.dedupeMs = bytes(settings.dedupeWindow().toMillis());
        this.deadLetterLimit = bytes(settings.deadLetterLimit());
    }

    @Override
    public CompletionStage<EnqueueResult> enqueue(
            String recipient, String messageId, byte[] message, Instant receivedAt, @Nullable Instant expiresAt) {
        requireId("recipient", recipient);
        requireId("messageId", messageId);
        if (message.length == 0) {
            throw new IllegalArgumentException("message: 0 bytes (expected: at least 1)");
        }
        Instant latest = receivedAt.plus(settings.maxTtl());
        Instant expiry = expiresAt == null ? receivedAt.plus(settings.defaultTtl()) : expiresAt;
        if (expiry.isAfter(latest)) {
            expiry = latest;
        }
        long expiryMs = Math.max(0, expiry.toEpochMilli());
        byte[] id = bytes(messageId);
        byte[] received = bytes(receivedAt.toEpochMilli());
        byte[] expires = bytes(expiryMs);
        byte[][] args = {id, message, bytes(message.length), received, expires};
        return timed.run(
                QueueOperation.ENQUEUE,
                "enqueue",
                () -> stored(
                        recipient, batcher.submit(keys.enqueue(recipient), args).thenCompose(code -> {
                            if (code > 0) {
                                metrics.enqueued(message.length);
                                return CompletableFuture.completedFuture(new EnqueueResult.Stored(code));
                            }
                            if (code == -1) {
                                metrics.duplicate();
                                return CompletableFuture.completedFuture(DUPLICATE);
                            }
                            // the cap would reject: sweep expired messages first, then decide
                            return ENQUEUE_SWEEP
                                    .<List<Object>>run(
                                            connection.async(),
                                            ScriptOutputType.MULTI,
                                            keys.mailbox(recipient),
                                            bytes(clock.millis()),
                                            dedupeMs,
                                            deadLetterLimit,
                                            id,
                                            message,
                                            received,
                                            expires,
                                            bytes(settings.maxCount()),
                                            bytes(settings.maxBytes()))
                                    .thenApply(reply -> enqueued(reply, message.length));
                        })));
    }

    /**
     * A stored (or duplicate: an earlier attempt's write may not have reached the replicas either) message
     * counts once the replicas the durability setting asks for hold it; a full mailbox stored nothing.
     */
    private CompletionStage<EnqueueResult> stored(String recipient, CompletionStage<EnqueueResult> result) {
        return result.thenCompose(r -> r instanceof EnqueueResult.Full
                ? CompletableFuture.completedFuture(r)
                : replicas.await(keys.enqueue(recipient)[0]).thenApply(ignored -> r));
    }

    private EnqueueResult enqueued(List<Object> reply, int size) {
        housekeeping(number(reply, 2), number(reply, 3));
        return switch ((int) number(reply, 0)) {
            case 0 -> {
                metrics.enqueued(size);
                yield new EnqueueResult.Stored(number(reply, 1));
            }
            case 1 -> {
                metrics.duplicate();
                yield DUPLICATE;
            }
            default -> {
                EnqueueResult.Limit limit =
                        number(reply, 1) == 0 ? EnqueueResult.Limit.COUNT : EnqueueResult.Limit.BYTES;
                metrics.rejectedByCap(limit);
                yield new EnqueueResult.Full(
                        limit, number(reply, 4), number(reply, 5), settings.maxCount(), settings.maxBytes());
            }
        };
    }

    @Override
    public CompletionStage<List<Delivery>> reserve(String recipient, DeliveryRequest request) {
        requireId("recipient", recipient);
        long now = clock.millis();
        long leaseUntil = now + request.lease().toMillis();
        return timed.run(
                QueueOperation.RESERVE,
                "reserve",
                () -> RESERVE.<List<Object>>run(
                                connection.async(),
                                ScriptOutputType.MULTI,
                                keys.mailbox(recipient),
                                bytes(now),
                                dedupeMs,
                                deadLetterLimit,
                                bytes(Math.min(request.maxCount(), MAX_BATCH)),
                                bytes(request.maxBytes()),
                                bytes(request.owner()),
                                bytes(leaseUntil))
                        .thenApply(reply -> {
                            housekeeping(number(reply, 0), number(reply, 1));
                            List<Delivery> out = new ArrayList<>((reply.size() - 2) / 5);
                            long again = 0;
                            for (int i = 2; i + 4 < reply.size(); i += 5) {
                                int attempt = (int) number(reply, i + 4);
                                long expiresMs = number(reply, i + 3);
                                out.add(new Delivery(
                                        Args.string(reply.get(i)),
                                        (byte[]) reply.get(i + 1),
                                        Instant.ofEpochMilli(number(reply, i + 2)),
                                        Instant.ofEpochMilli(expiresMs),
                                        attempt,
                                        request.owner(),
                                        Instant.ofEpochMilli(leaseUntil)));
                                if (attempt > 1) {
                                    again++;
                                }
                            }
                            if (again > 0) {
                                metrics.redelivered(again);
                            }
                            return out;
                        }));
    }

    @Override
    public CompletionStage<Integer> acknowledge(String recipient, Collection<String> messageIds) {
        requireId("recipient", recipient);
        if (messageIds.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        List<String> ids = List.copyOf(messageIds);
        return timed.run(QueueOperation.ACKNOWLEDGE, "acknowledge", () -> {
            CompletableFuture<Long> total = CompletableFuture.completedFuture(0L);
            for (int from = 0; from < ids.size(); from += MAX_BATCH) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_BATCH));
                byte[][] args = new byte[chunk.size() + 2][];
                args[0] = bytes(clock.millis());
                args[1] = dedupeMs;
                for (int i = 0; i < chunk.size(); i++) {
                    args[i + 2] = bytes(chunk.get(i));
                }
                CompletableFuture<Long> part = ACKNOWLEDGE
                        .<Long>run(connection.async(), ScriptOutputType.INTEGER, keys.mailbox(recipient), args)
                        .toCompletableFuture();
                total = total.thenCombine(part, Long::sum);
            }
            return total.thenApply(deleted -> {
                if (deleted > 0) {
                    metrics.acknowledged(deleted);
                }
                return deleted.intValue();
            });
        });
    }

    @Override
    public CompletionStage<Integer> release(String recipient, String owner) {
        requireId("recipient", recipient);
        return timed.run(
                QueueOperation.RELEASE,
                "release",
                () -> RELEASE.<Long>run(
                                connection.async(), ScriptOutputType.INTEGER, keys.mailbox(recipient), bytes(owner))
                        .thenApply(released -> {
                            if (released > 0) {
                                metrics.released(released);
                            }
                            return released.intValue();
                        }));
    }

    @Override
    public CompletionStage<MailboxStatus> status(String recipient) {
        requireId("recipient", recipient);
        long now = clock.millis();
        return timed.run(
                QueueOperation.STATUS,
                "status",
                () -> STATUS.<List<Object>>run(
                                connection.async(),
                                ScriptOutputType.MULTI,
                                keys.mailbox(recipient),
                                bytes(now),
                                dedupeMs,
                                deadLetterLimit)
                        .thenApply(reply -> {
                            housekeeping(number(reply, 5), number(reply, 6));
                            long oldest = number(reply, 2);
                            long newest = number(reply, 3);
                            return new MailboxStatus(
                                    number(reply, 0),
                                    number(reply, 1),
                                    oldest < 0 ? null : Instant.ofEpochMilli(oldest),
                                    newest < 0 ? null : Instant.ofEpochMilli(newest),
                                    oldest < 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, now - oldest)),
                                    number(reply, 4));
                        }));
    }

    @Override
    public CompletionStage<List<DeadLetter>> deadLetters(String recipient, int limit) {
        requireId("recipient", recipient);
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: %s (expected: > 0)".formatted(limit));
        }
        String key = keys.mailbox(recipient)[5];
        return timed.run(
                QueueOperation.DEAD_LETTERS,
                "dead letters",
                () -> connection.async().lrange(key, 0, limit - 1).thenApply(records -> {
                    List<DeadLetter> out = new ArrayList<>(records.size());
                    for (byte[] record : records) {
                        // "reason|size|receivedAt|droppedAt|id"
                        String[] f = Args.string(record).split("\\|", 5);
                        out.add(new DeadLetter(
                                f[4],
                                recipient,
                                DeadLetter.Reason.valueOf(f[0]),
                                Long.parseLong(f[1]),
                                Instant.ofEpochMilli(Long.parseLong(f[2])),
                                Instant.ofEpochMilli(Long.parseLong(f[3]))));
                    }
                    return out;
                }));
    }

    private void housekeeping(long reclaimed, long expired) {
        if (reclaimed > 0) {
            metrics.inFlightReclaimed(reclaimed);
        }
        if (expired > 0) {
            metrics.expired(expired);
        }
    }

    private static void requireId(String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + ": '' (expected: non-empty)");
        }
    }
}
