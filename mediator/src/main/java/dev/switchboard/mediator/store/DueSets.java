package dev.switchboard.mediator.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * One due-time set shared by all instances ({@link DeliveryDeadlines}, {@link RedisPushSchedule}), sharded
 * into {@code switchboard.redis.due-set-buckets} sorted sets: a member (a wallet's connection key) lives in
 * bucket {@link Keys#bucketOf} of its key, each bucket a key of its own with its own hash tag, so in Redis
 * Cluster the buckets spread over the shards and no shard takes every wallet's writes. A member's score is
 * the epoch milliseconds at which it is due; a member is removed only while its score is the one the caller
 * saw (compare-and-clear), so a newer schedule recorded meanwhile survives. A claim visits every bucket, one
 * script each (each touches one key), starting at a bucket that rotates from call to call so a full batch
 * from one bucket does not starve the others.
 */
final class DueSets {
    /** Removes member ARGV[1] of KEYS[1] while its score is still ARGV[2]; returns 1 when removed, else 0. */
    private static final String CLEAR_IF = """
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if score and tonumber(score) == tonumber(ARGV[2]) then
                return redis.call('ZREM', KEYS[1], ARGV[1])
            end
            return 0
            """;

    /**
     * Claims up to ARGV[3] members of KEYS[1] with score <= ARGV[1], moving them to ARGV[2] (the claim's lease);
     * returns {claimed members and their former scores (flat), the earliest score left (false: none)}.
     */
    private static final String CLAIM = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
            for i = 1, #due, 2 do
                redis.call('ZADD', KEYS[1], ARGV[2], due[i])
            end
            local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return {due, first[2] or false}
            """;

    /**
     * What one claim took.
     *
     * @param members the claimed members, earliest due time first
     * @param next the earliest due time left after the claim (the claims included) over the buckets visited,
     *     {@code now} when the limit stopped the claim before every bucket was visited, null when none is left
     */
    record Claimed(List<String> members, @Nullable Instant next) {}

    private final MediatorRedis redis;
    private final IntFunction<String> bucketKey;
    private final AtomicInteger rotation = new AtomicInteger();

    /**
     * @param redis the connection
     * @param bucketKey the key of bucket {@code i} ({@code 0 <= i < }{@link Keys#dueSetBuckets()})
     */
    DueSets(MediatorRedis redis, IntFunction<String> bucketKey) {
        this.redis = redis;
        this.bucketKey = bucketKey;
    }

    /**
     * Moves the entries of the single, unsharded set {@code legacyKey} of earlier versions into the buckets
     * (standalone Redis only: the single key never ran on a cluster). Each entry is added unless its wallet
     * already has one, then removed from the old key while its score is unchanged, so an entry an instance of
     * the earlier version records meanwhile stays for the next start.
     *
     * @return how many entries moved
     */
    int migrateFrom(String legacyKey) {
        if (redis.endpoint().cluster()) {
            return 0;
        }
        int moved = 0;
        for (var entry : redis.sync().zrangeWithScores(legacyKey, 0, -1)) {
            Instant due = Instant.ofEpochMilli((long) entry.getScore());
            recordIfAbsent(entry.getValue(), due);
            Long removed = redis.sync()
                    .eval(
                            CLEAR_IF,
                            ScriptOutputType.INTEGER,
                            new String[] {legacyKey},
                            entry.getValue(),
                            Long.toString(due.toEpochMilli()));
            moved += removed != null && removed > 0 ? 1 : 0;
        }
        return moved;
    }

    /** The key of the bucket {@code member} lives in. */
    String keyOf(String member) {
        return bucketKey.apply(redis.keys().bucketOf(member));
    }

    /** Sets {@code member}'s due time. */
    void record(String member, Instant due) {
        redis.sync().zadd(keyOf(member), (double) due.toEpochMilli(), member);
    }

    /** Sets {@code member}'s due time unless it has one. */
    void recordIfAbsent(String member, Instant due) {
        redis.sync().zadd(keyOf(member), ZAddArgs.Builder.nx(), (double) due.toEpochMilli(), member);
    }

    /** {@code member}'s due time (millisecond precision), or null. */
    @Nullable
    Instant due(String member) {
        Double score = redis.sync().zscore(keyOf(member), member);
        return score == null ? null : Instant.ofEpochMilli(score.longValue());
    }

    /**
     * Removes {@code member} while its due time is still {@code due}.
     *
     * @return true when it was removed
     */
    boolean clearIf(String member, Instant due) {
        Long removed = redis.sync()
                .eval(
                        CLEAR_IF,
                        ScriptOutputType.INTEGER,
                        new String[] {keyOf(member)},
                        member,
                        Long.toString(due.toEpochMilli()));
        return removed != null && removed > 0;
    }

    /**
     * Claims members due at or before {@code now}: their due time moves to {@code claimUntil}, atomically per
     * bucket, so other instances skip them until then.
     *
     * @param limit most members claimed, {@code > 0}
     */
    Claimed claimDue(Instant now, Instant claimUntil, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: %s (expected: > 0)".formatted(limit));
        }
        int buckets = redis.keys().dueSetBuckets();
        int start = Math.floorMod(rotation.getAndIncrement(), buckets);
        List<Object[]> claimed = new ArrayList<>();
        Long next = null;
        for (int visited = 0; visited < buckets; visited++) {
            int remaining = limit - claimed.size();
            if (remaining == 0) {
                next = now.toEpochMilli(); // buckets left unvisited may hold due members: sweep again at once
                break;
            }
            List<Object> answer = redis.sync()
                    .eval(
                            CLAIM,
                            ScriptOutputType.MULTI,
                            new String[] {bucketKey.apply((start + visited) % buckets)},
                            Long.toString(now.toEpochMilli()),
                            Long.toString(claimUntil.toEpochMilli()),
                            Integer.toString(remaining));
            List<?> due = (List<?>) answer.get(0);
            for (int i = 0; i + 1 < due.size(); i += 2) {
                claimed.add(new Object[] {due.get(i), (long) Double.parseDouble((String) due.get(i + 1))});
            }
            Object first = answer.size() > 1 ? answer.get(1) : null;
            if (first != null) {
                long score = (long) Double.parseDouble((String) first);
                next = next == null ? score : Math.min(next, score);
            }
        }
        claimed.sort(Comparator.comparingLong(c -> (Long) c[1]));
        return new Claimed(
                claimed.stream().map(c -> (String) c[0]).toList(), next == null ? null : Instant.ofEpochMilli(next));
    }
}
