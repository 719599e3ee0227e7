package dev.switchboard.mediator.store;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.ZAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The Redis records behind the quotas of {@code dev.switchboard.mediator.quota}: the set of counted mediations
 * (with the expiry of unused ones), keylist sizes, per-sender message counters, and leases of cluster-wide
 * periodic jobs. Key names: {@link Keys}. Blocking: call from worker or virtual threads.
 */
@ApplicationScoped
public class QuotaRecords {
    /** Score of a mediation that registered a key: never lapses. */
    private static final double USED = Double.MAX_VALUE;

    /** INCR KEYS[1]; on the first increment PEXPIRE it ARGV[1] ms; returns the count. */
    private static final String COUNT_IN_WINDOW = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;

    private final MediatorRedis redis;

    /** Constructor injection. */
    public QuotaRecords(MediatorRedis redis) {
        this.redis = redis;
    }

    /** Mediations that count now: granted and either used or not yet lapsed (lapsed ones are dropped here). */
    public long mediations(Instant now) {
        String key = redis.keys().mediations();
        redis.sync().zremrangebyscore(key, Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()));
        return redis.sync().zcard(key);
    }

    /**
     * A new mediation was granted: it counts until {@code now + unusedTtl} and its grant record expires then,
     * unless the wallet registers a key first ({@link #mediationUsed}).
     */
    public void mediationGranted(String conn, Instant now, Duration unusedTtl) {
        redis.sync()
                .zadd(
                        redis.keys().mediations(),
                        ZAddArgs.Builder.nx(),
                        (double) now.plus(unusedTtl).toEpochMilli(),
                        conn);
        redis.sync().pexpire(redis.keys().mediation(conn), Math.max(1, unusedTtl.toMillis()));
    }

    /** The mediation registered a key: it counts and lives until revoked. */
    public void mediationUsed(String conn) {
        redis.sync().zadd(redis.keys().mediations(), ZAddArgs.Builder.gt(), USED, conn);
        redis.sync().persist(redis.keys().mediation(conn));
    }

    /** The mediation ended (revoked): it no longer counts. */
    public void mediationEnded(String conn) {
        redis.sync().zrem(redis.keys().mediations(), conn);
    }

    /** Keys in the wallet's keylist. */
    public long keylistSize(String conn) {
        return redis.sync().scard(redis.keys().keylist(conn));
    }

    /** True when {@code key} is in the wallet's keylist. */
    public boolean inKeylist(String conn, String key) {
        return redis.sync().sismember(redis.keys().keylist(conn), key);
    }

    /**
     * Counts one more message from {@code sender} to the wallet {@code conn} in a fixed window starting with the
     * first one.
     *
     * @return the count in the current window, this message included
     */
    public long countSenderMessage(String conn, String sender, Duration window) {
        Long n = redis.sync()
                .eval(
                        COUNT_IN_WINDOW,
                        ScriptOutputType.INTEGER,
                        new String[] {redis.keys().senderCount(conn, digest(sender))},
                        Long.toString(Math.max(1, window.toMillis())));
        return n == null ? 0 : n;
    }

    /**
     * Takes the lease of a cluster-wide periodic job unless another instance holds it.
     *
     * @return true when {@code owner} holds the lease for {@code ttl} now
     */
    public boolean claimLease(String job, String owner, Duration ttl) {
        String ok = redis.sync()
                .set(redis.keys().lease(job), owner, SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())));
        return "OK".equals(ok);
    }

    private static String digest(String sender) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(sender.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
