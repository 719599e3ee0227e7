package dev.switchboard.socketdock.protocol.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code jti} values of request tokens already used (RFC 7519 section 4.1.7: "can be used to prevent the
 * JWT from being replayed"), each remembered until its token can no longer pass the expiry check ({@code exp}
 * plus the verifier's clock skew). A Caffeine cache bounded by {@link #maxEntries()}: it must exceed the
 * valid tokens one verifier sees per token lifetime (for example 500 requests/s x 65 s = 32,500), else the
 * oldest ids are evicted early and could replay. Only tokens that passed every other check are recorded, so
 * an anonymous client cannot fill it. Per process: a replay to another instance of the receiver is not seen
 * (relay message posts are still processed once there, by their {@code Idempotency-Key}). Thread-safe.
 */
public final class ReplayCache {
    /** Default bound: 200,000 token ids (about 30 MB at most). */
    public static final long DEFAULT_MAX_ENTRIES = 200_000;

    private final Cache<String, Instant> used;
    private final Clock clock;
    private final long maxEntries;
    private final LongAdder replays = new LongAdder();

    private ReplayCache(long maxEntries, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: > 0)");
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.used = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .executor(Runnable::run) // evict on the caller's thread: the bound holds at once
                .expireAfter(Expiry.creating((String jti, Instant until) -> remaining(until)))
                .build();
    }

    /** A cache of {@link #DEFAULT_MAX_ENTRIES} on the system clock. */
    public static ReplayCache create() {
        return new ReplayCache(DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    /**
     * A cache. @param maxEntries {@code > 0} @param clock the verifier's clock (entry lifetimes are computed
     * from it)
     */
    public static ReplayCache create(long maxEntries, Clock clock) {
        return new ReplayCache(maxEntries, clock);
    }

    private Duration remaining(Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Records a token id on its first use.
     *
     * @param jti the token's {@code jti}
     * @param until when the token stops passing the expiry check ({@code exp} + clock skew)
     * @return true the first time; false for a replay (counted in {@link #replays()})
     */
    public boolean firstUse(String jti, Instant until) {
        boolean first = used.asMap().putIfAbsent(jti, until) == null;
        if (!first) {
            replays.increment();
        }
        return first;
    }

    /** Replays refused so far (a monotonic counter for metrics). */
    public long replays() {
        return replays.sum();
    }

    /** Token ids remembered now (approximate; for a gauge). */
    public long size() {
        return used.estimatedSize();
    }

    /** The bound. */
    public long maxEntries() {
        return maxEntries;
    }
}
