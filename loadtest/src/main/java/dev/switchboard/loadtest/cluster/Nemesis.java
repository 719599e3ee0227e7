package dev.switchboard.loadtest.cluster;

import dev.switchboard.loadtest.ledger.FaultWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a schedule of {@link Fault}s against a {@link Cluster} (the Jepsen nemesis) and records when each was
 * in force as a {@link FaultWindow} for the checker: from the injection until the heal (SIGCONT sent, the
 * restarted process ready, the partition lifted, the delay off). Prints each step with its offset from the
 * first forward ({@code nemesis: +10.0 s SIGSTOP redis-server 10.0 s}), so a run's timeline can be read from its
 * log. Thread-safe.
 */
public final class Nemesis implements AutoCloseable {
    private final Cluster cluster;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "nemesis");
        t.setDaemon(true);
        return t;
    });
    private final List<FaultWindow> healed = new ArrayList<>();
    private final Map<Fault, Long> inForce = new LinkedHashMap<>();
    private volatile long zeroMillis;
    private volatile long lastChangeMillis;

    /** A nemesis for {@code cluster}; nothing happens before {@link #schedule}. */
    public Nemesis(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Schedules {@code faults}, each {@link Fault#at()} after {@code zeroMillis} (epoch ms of the first forward).
     * A fault that fails (e.g. its process is already gone) is reported on stderr and recorded as a window of
     * its own so the run shows it.
     */
    public void schedule(List<Fault> faults, long zeroMillis) {
        this.zeroMillis = zeroMillis;
        for (Fault f : faults) {
            long delay = Math.max(0, zeroMillis + f.at().toMillis() - System.currentTimeMillis());
            timer.schedule(() -> inject(f), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void inject(Fault f) {
        long start = nowMicros();
        try {
            switch (f.kind()) {
                case KILL, KILL_RESTART -> cluster.process(f.target()).kill();
                case PAUSE -> cluster.process(f.target()).signal("STOP");
                case SLOW_CALLBACKS -> cluster.slowCallbacks(relayIndex(f.target()), true);
                case PARTITION_REDIS -> cluster.partitionRedis(true);
            }
        } catch (RuntimeException e) {
            System.err.println("nemesis: " + f.describe() + " failed: " + e);
            record(new FaultWindow(f.describe() + " (FAILED)", start, start));
            return;
        }
        lastChangeMillis = System.currentTimeMillis();
        log(start, f.describe());
        if (f.kind() == Fault.Kind.KILL) {
            record(new FaultWindow(f.describe(), start, start));
            return;
        }
        synchronized (this) {
            inForce.put(f, start);
        }
        timer.schedule(() -> heal(f, start), f.length().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void heal(Fault f, long start) {
        String how;
        try {
            switch (f.kind()) {
                case KILL_RESTART -> cluster.restart(f.target());
                case PAUSE -> cluster.process(f.target()).signal("CONT");
                case SLOW_CALLBACKS -> cluster.slowCallbacks(relayIndex(f.target()), false);
                case PARTITION_REDIS -> cluster.partitionRedis(false);
                case KILL -> throw new IllegalStateException("a KILL is not healed");
            }
            how = "healed";
        } catch (RuntimeException e) {
            System.err.println("nemesis: healing " + f.describe() + " failed: " + e);
            how = "NOT healed (" + e.getMessage() + ")";
        }
        long end = nowMicros();
        lastChangeMillis = System.currentTimeMillis();
        log(end, how + ": " + f.describe());
        synchronized (this) {
            inForce.remove(f);
        }
        record(new FaultWindow(f.describe(), start, end));
    }

    private synchronized void record(FaultWindow w) {
        healed.add(w);
    }

    /** The windows so far, in order of start; a fault still in force ends now. */
    public synchronized List<FaultWindow> windows() {
        List<FaultWindow> out = new ArrayList<>(healed);
        long now = nowMicros();
        inForce.forEach((f, start) -> out.add(new FaultWindow(f.describe() + " (still in force)", start, now)));
        out.sort(java.util.Comparator.comparingLong(FaultWindow::startMicros));
        return out;
    }

    /** Epoch ms of the last injection or heal, 0 before any (wallets reconnect after it). */
    public long lastChangeMillis() {
        return lastChangeMillis;
    }

    /** Cancels what is still scheduled; faults in force stay (closing the cluster resumes and stops everything). */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void log(long atMicros, String what) {
        System.out.printf(Locale.ROOT, "nemesis: %+.1f s %s%n", (atMicros / 1000.0 - zeroMillis) / 1000.0, what);
    }

    private static int relayIndex(String target) {
        return Integer.parseInt(target.substring("relay-".length()));
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
