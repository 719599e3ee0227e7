package dev.switchboard.loadtest.simulation;

import dev.switchboard.loadtest.LoadSettings;
import dev.switchboard.loadtest.cluster.Cluster;
import dev.switchboard.loadtest.ledger.FaultWindow;
import dev.switchboard.loadtest.ledger.Ledger;
import dev.switchboard.loadtest.sender.InnerMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * SIGKILLs relay 0 and/or mediator 0 at the configured times after the first forward. Gatling reconnects a
 * WebSocket closed by the server only when the virtual user next sends on it, while a real wallet (Credo)
 * reconnects as soon as its socket closes; so after a kill every wallet sends one trust ping at its next poll
 * ({@link #lastFaultMillis()}), which reconnects the wallets whose relay died.
 */
final class FaultInjector {
    private final LoadSettings settings;
    private final @Nullable Cluster cluster;
    private final RunClock clock;
    private final Ledger ledger;
    private final Map<String, Long> killedAtMicros = new LinkedHashMap<>();
    private volatile long lastFaultMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-injector");
        t.setDaemon(true);
        return t;
    });

    FaultInjector(LoadSettings settings, @Nullable Cluster cluster, RunClock clock, Ledger ledger) {
        this.settings = settings;
        this.cluster = cluster;
        this.clock = clock;
        this.ledger = ledger;
    }

    void schedule() {
        boolean wanted = !settings.killRelayAfter().isZero()
                || !settings.killMediatorAfter().isZero();
        if (!wanted) {
            return;
        }
        if (cluster == null) {
            throw new IllegalStateException("fault injection needs the cluster started by this JVM (no loadtest.ws)");
        }
        long base = clock.sendingStartsAt() - System.currentTimeMillis();
        if (!settings.killRelayAfter().isZero()) {
            timer.schedule(
                    () -> kill("relay-0", cluster::killRelay),
                    base + settings.killRelayAfter().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (!settings.killMediatorAfter().isZero()) {
            timer.schedule(
                    () -> kill("mediator-0", cluster::killMediator),
                    base + settings.killMediatorAfter().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Epoch ms of the last SIGKILL, 0 before any. */
    long lastFaultMillis() {
        return lastFaultMillis;
    }

    private void kill(String name, java.util.function.IntConsumer killer) {
        long at = InnerMessage.nowMicros();
        killer.accept(0);
        lastFaultMillis = System.currentTimeMillis();
        synchronized (killedAtMicros) {
            killedAtMicros.put(name, at);
        }
        System.out.println(
                "loadtest: SIGKILL " + name + " (outstanding forwards at that moment: " + ledger.outstanding() + ")");
    }

    /** The kills so far as instantaneous fault windows (a killed process is not restarted: routed around). */
    List<FaultWindow> windows() {
        synchronized (killedAtMicros) {
            return killedAtMicros.entrySet().stream()
                    .map(e -> new FaultWindow("SIGKILL " + e.getKey(), e.getValue(), e.getValue()))
                    .toList();
        }
    }

    /** Recovery per killed process: ms until every message acknowledged before the kill was received. */
    Map<String, Double> recoveryMillis() {
        Map<String, Double> out = new LinkedHashMap<>();
        synchronized (killedAtMicros) {
            killedAtMicros.forEach((name, at) -> {
                long r = ledger.recoveryMicros(at);
                out.put(name, r < 0 ? -1.0 : r / 1000.0);
            });
        }
        timer.shutdownNow();
        return out;
    }
}
