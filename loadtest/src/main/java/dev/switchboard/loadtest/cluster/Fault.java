package dev.switchboard.loadtest.cluster;

import java.time.Duration;

/**
 * One fault of a nemesis schedule.
 *
 * @param kind what is done
 * @param target the process hit: {@code relay-N}, {@code mediator-N} or {@code redis-server} (for {@link
 *     Kind#SLOW_CALLBACKS} the relay whose callbacks are delayed; for {@link Kind#PARTITION_REDIS} {@code
 *     redis-server})
 * @param at when, after the first forward
 * @param length how long until it is undone (SIGCONT, restart, partition lifted, delay off); zero for {@link
 *     Kind#KILL}, which is not undone
 */
public record Fault(Kind kind, String target, Duration at, Duration length) {

    /** What a fault does. */
    public enum Kind {
        /** SIGKILL, not restarted: the system must route around it. */
        KILL,
        /** SIGKILL, restarted with the same command after {@code length} (and waited for until ready). */
        KILL_RESTART,
        /** SIGSTOP, SIGCONT after {@code length}: sockets stay open, nothing is answered meanwhile. */
        PAUSE,
        /** Every {@code send} callback to the target relay held by the fault proxy (HAProxy) for a while. */
        SLOW_CALLBACKS,
        /** Every mediator's connection to Redis cut at the fault proxy, new ones closed at once. */
        PARTITION_REDIS
    }

    public Fault {
        if (at.isNegative()) {
            throw new IllegalArgumentException("at: %s (expected: >= 0)".formatted(at));
        }
        if (kind == Kind.KILL != length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("length: %s (expected: zero for KILL, > 0 otherwise)".formatted(length));
        }
        if (kind == Kind.SLOW_CALLBACKS && !target.matches("relay-\\d+")) {
            throw new IllegalArgumentException("target: %s (expected: relay-N for SLOW_CALLBACKS)".formatted(target));
        }
        if (kind == Kind.PARTITION_REDIS && !target.equals("redis-server")) {
            throw new IllegalArgumentException(
                    "target: %s (expected: redis-server for PARTITION_REDIS)".formatted(target));
        }
    }

    /** What was done, for reports: {@code SIGKILL relay-0}, {@code SIGSTOP redis-server 10 s}, ... */
    public String describe() {
        String secs = length.toMillis() / 1000.0 + " s";
        return switch (kind) {
            case KILL -> "SIGKILL " + target;
            case KILL_RESTART -> "SIGKILL " + target + ", restart after " + secs;
            case PAUSE -> "SIGSTOP " + target + " " + secs;
            case SLOW_CALLBACKS -> target + " callbacks delayed " + secs;
            case PARTITION_REDIS -> "mediators cut from Redis " + secs;
        };
    }
}
