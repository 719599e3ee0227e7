package dev.switchboard.socketdock.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link ReplayCache}: one use per token id, a hard bound, no memory for tokens that can no longer pass. */
class ReplayCacheTest {
    private static final Instant NOW = Instant.parse("2026-12-03T19:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void anIdIsAcceptedOnceAndEveryReplayIsCounted() {
        ReplayCache cache = ReplayCache.create(100, CLOCK);
        Instant until = NOW.plusSeconds(65);
        assertThat(cache.firstUse("jti-1", until)).isTrue();
        assertThat(cache.firstUse("jti-1", until)).isFalse();
        assertThat(cache.firstUse("jti-1", until.plusSeconds(60)))
                .as("a later expiry does not make a used id new")
                .isFalse();
        assertThat(cache.firstUse("jti-2", until)).isTrue();
        assertThat(cache.replays()).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void anIdWhoseTokenCanNoLongerPassIsNotKept() {
        ReplayCache cache = ReplayCache.create(100, CLOCK);
        // a token past exp + skew fails the expiry check before the cache is asked: remembering it is waste
        assertThat(cache.firstUse("stale", NOW.minusSeconds(1))).isTrue();
        cache.size(); // maintenance runs on the caller's thread
        assertThat(cache.firstUse("stale", NOW.minusSeconds(1))).isTrue();
        assertThat(cache.replays()).isZero();
    }

    @Test
    void manyDistinctIdsStayWithinTheBound() {
        ReplayCache cache = ReplayCache.create(50, CLOCK);
        for (int i = 0; i < 10_000; i++) {
            assertThat(cache.firstUse("jti-" + i, NOW.plusSeconds(65))).isTrue();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(cache.maxEntries());
        assertThat(cache.maxEntries()).isEqualTo(50);
    }

    @Test
    void racingUsesOfOneIdAdmitExactlyOne() throws Exception {
        ReplayCache cache = ReplayCache.create(1_000, CLOCK);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Boolean> use = () -> {
                    start.await();
                    return cache.firstUse("shared", NOW.plus(Duration.ofSeconds(65)));
                };
                results.add(pool.submit(use));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> r : results) {
                admitted += r.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(1);
            assertThat(cache.replays()).isEqualTo(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> ReplayCache.create(0, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEntries: 0 (expected: > 0)");
        assertThat(ReplayCache.create().maxEntries()).isEqualTo(ReplayCache.DEFAULT_MAX_ENTRIES);
    }
}
