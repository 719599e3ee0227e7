package dev.switchboard.mediator.quota;

/**
 * One token bucket: holds up to {@code burst} tokens, refilled continuously at {@code perSecond}; each request
 * takes one. Held by {@link RateLimits} in a bounded Caffeine cache (a bucket that was evicted or expired is
 * recreated full, which is the state it would have reached anyway once idle for {@code burst / perSecond}).
 */
final class TokenBucket {
    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    /**
     * @param perSecond refill rate, {@code > 0}
     * @param burst capacity, {@code >= 1}
     * @param nowNanos {@link System#nanoTime()}
     */
    TokenBucket(double perSecond, int burst, long nowNanos) {
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    synchronized boolean tryTake(long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * tokensPerNano);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
