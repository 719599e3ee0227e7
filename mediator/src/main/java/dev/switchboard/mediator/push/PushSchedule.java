package dev.switchboard.mediator.push;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When each wallet's next notification is due, and when its last one went out, shared by all mediator
 * instances (Redis, in {@code store}), so that any number of forwards on any instances make one notification per
 * interval. Blocking: call from worker or virtual threads.
 */
public interface PushSchedule {

    /** Schedules the wallet's notification at {@code due} unless one is scheduled (or claimed) already. */
    void scheduleIfAbsent(String conn, Instant due);

    /** Moves the wallet's notification to {@code due} (replacing a claim). */
    void reschedule(String conn, Instant due);

    /**
     * Atomically claims due notifications: their time moves to {@code claimUntil}, so other instances skip
     * them until then (and take them over should this one die).
     *
     * @param limit most claimed, {@code > 0}
     * @return the wallets' connection keys, earliest first
     */
    List<String> claimDue(Instant now, Instant claimUntil, int limit);

    /** Ends the wallet's notification while its time is still {@code claim} (nobody rescheduled it). */
    boolean clearIf(String conn, Instant claim);

    /**
     * Starts the wallet's interval if none runs: true when this caller may notify now; false when a
     * notification went out less than {@code interval} ago (on any instance).
     */
    boolean startInterval(String conn, Duration interval);

    /** What is left of the wallet's running interval, zero when none runs. */
    Duration intervalLeft(String conn);

    /** Records that the wallet was active now; it counts as recently active for {@code grace}. */
    void recordActivity(String conn, Duration grace);

    /** What is left of the wallet's grace period after its last recorded activity, zero when none. */
    Duration graceLeft(String conn);
}
