package dev.switchboard.queue.config;

import java.time.Duration;
import java.util.Locale;

/**
 * When an enqueue counts as done: as soon as the primary applied it ({@link #NONE}, Redis's own
 * default), or only once {@code replicas} replicas acknowledged it, with Redis's <a
 * href="https://redis.io/docs/latest/commands/wait/">{@code WAIT numreplicas timeout}</a> sent after
 * the write on the same connection. Redis Cluster and standalone replication are asynchronous ("small
 * windows where acknowledged writes can be lost", <a
 * href="https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/#write-safety">cluster
 * spec, write safety</a>): a primary killed between its reply and its replicas' copy loses the write,
 * unless the caller waited. {@code WAIT} does not make Redis strongly consistent (a replica that got the
 * write may still not be the one promoted), but with one replica per primary it closes the window of a
 * plain failover.
 *
 * @param replicas replicas that must hold the write before it counts, {@code >= 0} ({@code 0}: no wait)
 * @param timeout how long {@code WAIT} may block, {@code > 0}; fewer replicas by then fail the enqueue
 *     (the message may still be stored: a retry of the same message id answers duplicate and waits
 *     again)
 */
public record Durability(int replicas, Duration timeout) {

    /** No wait: an enqueue is done when the primary answered. */
    public static final Durability NONE = new Durability(0, Duration.ofSeconds(1));

    /** Checks the arguments. */
    public Durability {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas: %s (expected: >= 0)".formatted(replicas));
        }
        Checks.positive("timeout", timeout);
    }

    /**
     * Parses the setting {@code switchboard.redis.durability}: {@code none} or {@code wait-replicas:N}
     * ({@code N >= 1}).
     *
     * @throws IllegalArgumentException on anything else
     */
    public static Durability parse(String value, Duration timeout) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("none")) {
            return new Durability(0, timeout);
        }
        if (v.startsWith("wait-replicas:")) {
            try {
                int n = Integer.parseInt(v.substring("wait-replicas:".length()));
                if (n >= 1) {
                    return new Durability(n, timeout);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException(
                "durability: %s (expected: none or wait-replicas:N with N >= 1)".formatted(value));
    }

    /** True when enqueues wait for replicas. */
    public boolean waits() {
        return replicas > 0;
    }

    /** The setting's spelling: {@code none} or {@code wait-replicas:N}. */
    @Override
    public String toString() {
        return replicas == 0 ? "none" : "wait-replicas:" + replicas;
    }
}
