package dev.switchboard.mediator.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Delivery deadlines shared by all mediator instances: Redis sorted sets ({@code <prefix>:deadlines:{dl.<bucket>.<k>}}, one per
 * bucket, see {@link Keys} and {@link DueSets}), member = wallet connection key, score = epoch milliseconds by which the messages handed out to the wallet
 * must have been confirmed (their in-flight lease plus a grace). Storing a message records a first, short
 * deadline when the wallet has none (its push might die with its instance). A push records a deadline once it reserved
 * messages, before it sends them; {@code messages-received} clears it when nothing is left in flight; a deadline that passes means the
 * attempt was lost (the pushing instance died, or the wallet never confirmed a live delivery), and any
 * instance's sweep claims the wallet and pushes again. Nothing of it lives in an instance's memory.
 */
@ApplicationScoped
public class DeliveryDeadlines {
    /**
     * What one sweep claimed.
     *
     * @param wallets the claimed wallets' connection keys, earliest deadline first
     * @param next the earliest deadline left after the claim (the claims included), null when there is none
     */
    public record Claimed(List<String> wallets, @Nullable Instant next) {}

    private final DueSets set;

    /** Constructor injection; moves the entries of the unsharded set of earlier versions into the buckets. */
    public DeliveryDeadlines(MediatorRedis redis) {
        this.set = new DueSets(redis, redis.keys()::deadlines);
        set.migrateFrom(redis.keys().legacyDeadlines());
    }

    /** Records a wallet's delivery deadline (the latest batch's; it replaces a sweep's claim). */
    public void record(String conn, Instant deadline) {
        set.record(conn, deadline);
    }

    /**
     * Records a deadline for a wallet that has none (a stored message's first deadline); an existing one, a
     * batch in flight or a claim, stays.
     */
    public void recordIfAbsent(String conn, Instant deadline) {
        set.recordIfAbsent(conn, deadline);
    }

    /**
     * Clears the wallet's deadline only while it is still {@code deadline} (a push since recorded its own).
     *
     * @return true when it was cleared
     */
    public boolean clearIf(String conn, Instant deadline) {
        return set.clearIf(conn, deadline);
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
        DueSets.Claimed claimed = set.claimDue(now, claimUntil, limit);
        return new Claimed(claimed.members(), claimed.next());
    }

    /** The wallet's recorded deadline (millisecond precision), or null (none). */
    public @Nullable Instant deadline(String conn) {
        return set.due(conn);
    }
}
