package dev.switchboard.mediator.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Delivery deadlines shared by all mediator instances: one Redis sorted set ({@code <prefix>:deadlines}, see {@link Keys}),
 * member = wallet connection key, score = epoch milliseconds by which the messages handed out to the wallet
 * must have been confirmed (their in-flight lease plus a grace). Storing a message records a first, short
 * deadline when the wallet has none (its push might die with its instance). A push records a deadline once it reserved
 * messages, before it sends them; {@code messages-received} clears it when nothing is left in flight; a deadline that passes means the
 * attempt was lost (the pushing instance died, or the wallet never confirmed a live delivery), and any
 * instance's sweep claims the wallet and pushes again. Nothing of it lives in an instance's memory.
 */
@ApplicationScoped
public class DeliveryDeadlines {
    /**
     * Claims up to ARGV[3] members with score <= ARGV[1], moving them to ARGV[2] (the claim's lease); returns
     * {claimed members, the earliest score left (false: none)}.
     */
    private static final String CLAIM = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, member in ipairs(due) do
                redis.call('ZADD', KEYS[1], ARGV[2], member)
            end
            local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return {due, first[2] or false}
            """;

    /**
     * What one sweep claimed.
     *
     * @param wallets the claimed wallets' connection keys, earliest deadline first
     * @param next the earliest deadline left after the claim (the claims included), null when there is none
     */
    public record Claimed(List<String> wallets, @Nullable Instant next) {}

    private final MediatorRedis redis;

    /** Constructor injection. */
    public DeliveryDeadlines(MediatorRedis redis) {
        this.redis = redis;
    }

    /** Records a wallet's delivery deadline (the latest batch's; it replaces a sweep's claim). */
    public void record(String conn, Instant deadline) {
        redis.sync().zadd(key(), (double) deadline.toEpochMilli(), conn);
    }

    /**
     * Records a deadline for a wallet that has none (a stored message's first deadline); an existing one, a
     * batch in flight or a claim, stays.
     */
    public void recordIfAbsent(String conn, Instant deadline) {
        redis.sync().zadd(key(), ZAddArgs.Builder.nx(), (double) deadline.toEpochMilli(), conn);
    }

    /**
     * Clears the wallet's deadline only while it is still {@code deadline} (a push since recorded its own).
     *
     * @return true when it was cleared
     */
    public boolean clearIf(String conn, Instant deadline) {
        return DueSets.clearIf(redis, key(), conn, deadline);
    }

    /**
     * Atomically claims wallets whose deadline passed: their deadline moves to {@code claimUntil}, so other
     * instances skip them until then (and take them over should this one die before pushing).
     *
     * @param now wallets with a deadline at or before this are due
     * @param claimUntil their deadline while claimed, millisecond precision
     * @param limit most wallets claimed, {@code > 0}
     * @return the claimed wallets and the earliest deadline left
     */
    public Claimed claimDue(Instant now, Instant claimUntil, int limit) {
        List<Object> answer = redis.sync()
                .eval(
                        CLAIM,
                        ScriptOutputType.MULTI,
                        new String[] {key()},
                        Long.toString(now.toEpochMilli()),
                        Long.toString(claimUntil.toEpochMilli()),
                        Integer.toString(limit));
        List<String> wallets = new ArrayList<>();
        for (Object member : (List<?>) answer.get(0)) {
            wallets.add((String) member);
        }
        Object next = answer.size() > 1 ? answer.get(1) : null;
        return new Claimed(
                wallets, next == null ? null : Instant.ofEpochMilli((long) Double.parseDouble((String) next)));
    }

    /** The wallet's recorded deadline (millisecond precision), or null (none). */
    public @Nullable Instant deadline(String conn) {
        Double score = redis.sync().zscore(key(), conn);
        return score == null ? null : Instant.ofEpochMilli(score.longValue());
    }

    private String key() {
        return redis.keys().deadlines();
    }
}
