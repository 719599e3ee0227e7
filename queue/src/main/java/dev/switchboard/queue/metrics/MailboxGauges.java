package dev.switchboard.queue.metrics;

import dev.switchboard.queue.mailbox.MailboxAdmin;
import dev.switchboard.queue.mailbox.MailboxTotals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Gauges of all mailboxes from {@link MailboxAdmin#totals()} (O(1) reads kept up to date by every mailbox
 * update): {@code switchboard.queue.stored.messages} and {@code switchboard.queue.stored.bytes} (pending and
 * in flight, all mailboxes), {@code switchboard.queue.oldest.pending.age} (seconds: age of the oldest message
 * waiting in any mailbox, 0 when none), {@code switchboard.queue.mailboxes.pending} (mailboxes with a pending
 * message). The values are global: every instance reports the same figures (aggregate with {@code max}, not
 * {@code sum}).
 *
 * <p>Reading a gauge never blocks: it answers the last totals read and, when they are older than {@code
 * refresh}, starts one asynchronous read for the next scrape. The age is computed at the read from the
 * oldest receipt time, so it grows between refreshes. Where the adapter keeps no totals (Redis Cluster) the
 * gauges answer NaN.
 */
public final class MailboxGauges {

    private final MailboxAdmin admin;
    private final Clock clock;
    private final long refreshMillis;
    private final AtomicReference<@Nullable MailboxTotals> last = new AtomicReference<>();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile long readAt = Long.MIN_VALUE;

    private MailboxGauges(MailboxAdmin admin, Clock clock, Duration refresh) {
        this.admin = admin;
        this.clock = clock;
        this.refreshMillis = refresh.toMillis();
    }

    /**
     * Registers the gauges and starts the first read.
     *
     * @param refresh how old the totals may be before a scrape starts a new read, {@code >= 0}
     */
    public static MailboxGauges register(MeterRegistry registry, MailboxAdmin admin, Clock clock, Duration refresh) {
        if (refresh.isNegative()) {
            throw new IllegalArgumentException("refresh: %s (expected: >= 0)".formatted(refresh));
        }
        MailboxGauges gauges = new MailboxGauges(admin, clock, refresh);
        Gauge.builder("switchboard.queue.stored.messages", gauges, g -> g.value(t -> t.storedCount()))
                .description("Messages stored in all mailboxes (pending and in flight)")
                .register(registry);
        Gauge.builder("switchboard.queue.stored.bytes", gauges, g -> g.value(t -> t.storedBytes()))
                .description("Bytes stored in all mailboxes (pending and in flight)")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder(
                        "switchboard.queue.oldest.pending.age",
                        gauges,
                        g -> g.value(t -> t.oldestPendingAge(g.clock.instant()).toMillis() / 1000.0))
                .description("Age of the oldest message waiting in any mailbox (0 when none)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("switchboard.queue.mailboxes.pending", gauges, g -> g.value(t -> t.mailboxesPending()))
                .description("Mailboxes holding a pending message")
                .register(registry);
        gauges.refresh();
        return gauges;
    }

    /** The last totals read, null before the first read completed. */
    public @Nullable MailboxTotals last() {
        return last.get();
    }

    private double value(java.util.function.ToDoubleFunction<MailboxTotals> figure) {
        if (clock.millis() - readAt >= refreshMillis) {
            refresh();
        }
        MailboxTotals totals = last.get();
        return totals == null || !totals.kept() ? Double.NaN : figure.applyAsDouble(totals);
    }

    /** Starts one read unless one is running; never blocks. */
    public void refresh() {
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        readAt = clock.millis();
        try {
            admin.totals().whenComplete((totals, error) -> {
                if (totals != null) {
                    last.set(totals);
                }
                reading.set(false);
            });
        } catch (RuntimeException e) {
            reading.set(false);
        }
    }
}
