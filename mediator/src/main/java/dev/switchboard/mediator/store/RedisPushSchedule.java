package dev.switchboard.mediator.store;

import dev.switchboard.mediator.push.PushSchedule;
import io.lettuce.core.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The push schedule in Redis (keys built by {@link Keys}): sorted sets {@code <p>:push:due:{pd.<bucket>.<k>}} (one per bucket, see {@link DueSets}; member = wallet connection key, score
 * = epoch milliseconds when its notification is due, or until when an instance's claim holds it), and per
 * wallet a key {@code <p>:w:{conn}:push:sent} that lives one interval after a notification went out (SET NX
 * PX: one instance wins), and {@code <p>:w:{conn}:push:active} that lives one grace period after a socket of the
 * wallet closed.
 */
@ApplicationScoped
public class RedisPushSchedule implements PushSchedule {
    private final MediatorRedis redis;
    private final DueSets dueSets;

    /** Constructor injection; moves the entries of the unsharded set of earlier versions into the buckets. */
    public RedisPushSchedule(MediatorRedis redis) {
        this.redis = redis;
        this.dueSets = new DueSets(redis, redis.keys()::pushDue);
        dueSets.migrateFrom(redis.keys().legacyPushDue());
    }

    @Override
    public void scheduleIfAbsent(String conn, Instant due) {
        dueSets.recordIfAbsent(conn, due);
    }

    @Override
    public void reschedule(String conn, Instant due) {
        dueSets.record(conn, due);
    }

    @Override
    public List<String> claimDue(Instant now, Instant claimUntil, int limit) {
        return dueSets.claimDue(now, claimUntil, limit).members();
    }

    @Override
    public boolean clearIf(String conn, Instant claim) {
        return dueSets.clearIf(conn, claim);
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

    private String sentKey(String conn) {
        return redis.keys().pushSent(conn);
    }
}
