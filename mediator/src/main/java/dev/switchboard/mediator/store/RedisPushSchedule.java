package dev.switchboard.mediator.store;

import dev.switchboard.mediator.push.PushSchedule;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.ZAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The push schedule in Redis (keys built by {@link Keys}): one sorted set {@code <p>:push:due} (member = wallet connection key, score
 * = epoch milliseconds when its notification is due, or until when an instance's claim holds it), and per
 * wallet a key {@code <p>:w:{conn}:push:sent} that lives one interval after a notification went out (SET NX
 * PX: one instance wins), and {@code <p>:w:{conn}:push:active} that lives one grace period after a socket of the
 * wallet closed.
 */
@ApplicationScoped
public class RedisPushSchedule implements PushSchedule {
    /** Claims up to ARGV[3] members with score <= ARGV[1], moving them to ARGV[2]. */
    private static final String CLAIM = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, member in ipairs(due) do
                redis.call('ZADD', KEYS[1], ARGV[2], member)
            end
            return due
            """;

    private final MediatorRedis redis;

    /** Constructor injection. */
    public RedisPushSchedule(MediatorRedis redis) {
        this.redis = redis;
    }

    @Override
    public void scheduleIfAbsent(String conn, Instant due) {
        redis.sync().zadd(dueKey(), ZAddArgs.Builder.nx(), (double) due.toEpochMilli(), conn);
    }

    @Override
    public void reschedule(String conn, Instant due) {
        redis.sync().zadd(dueKey(), (double) due.toEpochMilli(), conn);
    }

    @Override
    public List<String> claimDue(Instant now, Instant claimUntil, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: %s (expected: > 0)".formatted(limit));
        }
        List<String> due = redis.sync()
                .eval(
                        CLAIM,
                        ScriptOutputType.MULTI,
                        new String[] {dueKey()},
                        Long.toString(now.toEpochMilli()),
                        Long.toString(claimUntil.toEpochMilli()),
                        Integer.toString(limit));
        return due == null ? List.of() : due;
    }

    @Override
    public boolean clearIf(String conn, Instant claim) {
        return DueSets.clearIf(redis, dueKey(), conn, claim);
    }

    @Override
    public boolean startInterval(String conn, Duration interval) {
        return "OK"
                .equals(redis.sync()
                        .set(sentKey(conn), "1", SetArgs.Builder.nx().px(Math.max(1, interval.toMillis()))));
    }

    @Override
    public Duration intervalLeft(String conn) {
        Long left = redis.sync().pttl(sentKey(conn));
        return left == null || left < 0 ? Duration.ZERO : Duration.ofMillis(left);
    }

    @Override
    public void recordActivity(String conn, Duration grace) {
        redis.sync().set(redis.keys().pushActive(conn), "1", SetArgs.Builder.px(Math.max(1, grace.toMillis())));
    }

    @Override
    public Duration graceLeft(String conn) {
        Long left = redis.sync().pttl(redis.keys().pushActive(conn));
        return left == null || left < 0 ? Duration.ZERO : Duration.ofMillis(left);
    }

    private String dueKey() {
        return redis.keys().pushDue();
    }

    private String sentKey(String conn) {
        return redis.keys().pushSent(conn);
    }
}
