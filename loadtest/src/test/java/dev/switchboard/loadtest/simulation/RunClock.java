package dev.switchboard.loadtest.simulation;

import dev.switchboard.loadtest.LoadSettings;
import dev.switchboard.loadtest.ledger.Ledger;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The run's timeline: wallets ramp, settle, senders send, wallets drain what is outstanding. */
final class RunClock {
    private final LoadSettings settings;
    private volatile long startMillis = System.currentTimeMillis();
    private volatile long outstandingAt;
    private volatile long outstanding = 1;
    private final java.util.concurrent.atomic.AtomicLong sendersStarted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger forwardsInFlight =
            new java.util.concurrent.atomic.AtomicInteger();

    RunClock(LoadSettings settings) {
        this.settings = settings;
    }

    void start() {
        startMillis = System.currentTimeMillis();
    }

    /** From the start to the first forward. */
    Duration sendingStartsAfter() {
        return settings.ramp().plus(settings.settle());
    }

    /** Epoch ms of the first forward. */
    long sendingStartsAt() {
        return startMillis + sendingStartsAfter().toMillis();
    }

    /** Epoch ms of the last forward. */
    long sendingEndsAt() {
        return sendingStartsAt() + settings.duration().toMillis();
    }

    /** A random epoch ms while forwards are sent at which a wallet goes offline. */
    long randomOfflineStart() {
        long window =
                Math.max(1, settings.duration().minus(settings.offlineTime()).toMillis());
        return sendingStartsAt() + ThreadLocalRandom.current().nextLong(window);
    }

    /** A sender picked a wallet. */
    void forwardStarted() {
        forwardsInFlight.incrementAndGet();
    }

    /** A sender virtual user started (whether or not it found a wallet). */
    void senderStarted() {
        sendersStarted.incrementAndGet();
    }

    /** That sender's forward was answered (or failed). */
    void forwardEnded() {
        forwardsInFlight.decrementAndGet();
    }

    /**
     * True while wallets should stay connected: until the drain time after the last forward, or until
     * nothing acknowledged is outstanding any more once sending is over (checked at most once a second).
     */
    boolean walletsStay() {
        long now = System.currentTimeMillis();
        if (now >= sendingEndsAt() + settings.drain().toMillis()) {
            return false;
        }
        // Gatling's injector lags on a saturated machine: wait until (nearly) every sender has started
        long expectedSenders =
                (long) Math.floor(settings.rate() * settings.duration().toMillis() / 1000.0) - 1;
        if (settings.rate() <= 0
                || now < sendingEndsAt() + 2000
                || sendersStarted.get() < expectedSenders
                || forwardsInFlight.get() > 0) {
            return true;
        }
        if (now - outstandingAt > 1000) {
            outstandingAt = now;
            outstanding = Ledger.global().outstanding();
        }
        return outstanding > 0;
    }
}
