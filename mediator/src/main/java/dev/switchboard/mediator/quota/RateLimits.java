package dev.switchboard.mediator.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.mediator.config.QuotaConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Requests per second per source address ({@code POST /}) and per authenticated sender (verkey or DID, any
 * transport), per instance: token buckets ({@link QuotaConfig.Rate}) held in two Caffeine caches of at most
 * {@link QuotaConfig#maxTrackedSources()} entries each, dropped once idle long enough to be full again. A
 * request past its bucket is answered 429 {@link Quotas#RATE_LIMITED} with {@code Retry-After} and counted in
 * {@code switchboard_quota_refused_total{quota="address"|"did"}}; the caches' sizes and evictions are {@code
 * cache_*{cache="switchboard.ratelimit.address"|"switchboard.ratelimit.did"}}.
 *
 * <p>With N instances behind a load balancer the effective rate of one source is up to N times the limit.
 */
@ApplicationScoped
public class RateLimits {
    private final @Nullable Limiter byAddress;
    private final @Nullable Limiter byDid;

    /** Constructor injection. */
    public RateLimits(QuotaConfig config, MeterRegistry meters) {
        this.byAddress = Limiter.of(config.perAddress(), config.maxTrackedSources(), "address", meters);
        this.byDid = Limiter.of(config.perDid(), config.maxTrackedSources(), "did", meters);
    }

    /** True when one more request from {@code address} is within its rate (always, when the limit is off). */
    public boolean admitAddress(String address) {
        return byAddress == null || byAddress.admit(address);
    }

    /** True when one more message from the authenticated sender {@code did} is within its rate. */
    public boolean admitDid(String did) {
        return byDid == null || byDid.admit(did);
    }

    private record Limiter(Cache<String, TokenBucket> buckets, QuotaConfig.Rate rate, Counter refused) {
        static @Nullable Limiter of(QuotaConfig.Rate rate, int maxEntries, String kind, MeterRegistry meters) {
            if (rate.perSecond() <= 0) {
                return null;
            }
            if (rate.burst() < 1) {
                throw new IllegalArgumentException(
                        "switchboard.quota.per-" + kind + ".burst: " + rate.burst() + " (expected: >= 1)");
            }
            // idle this long, a bucket is full again: forgetting it changes nothing
            long refillNanos = (long) Math.ceil(rate.burst() / rate.perSecond() * 1e9);
            Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
                    .maximumSize(maxEntries)
                    .expireAfterAccess(Duration.ofNanos(Math.max(refillNanos, 1_000_000_000L)))
                    .recordStats()
                    .build();
            CaffeineCacheMetrics.monitor(meters, buckets, "switchboard.ratelimit." + kind);
            return new Limiter(buckets, rate, Quotas.refusedCounter(meters, kind));
        }

        boolean admit(String source) {
            long now = System.nanoTime();
            boolean ok = buckets.get(source, k -> new TokenBucket(rate.perSecond(), rate.burst(), now))
                    .tryTake(now);
            if (!ok) {
                refused.increment();
            }
            return ok;
        }
    }
}
