package dev.switchboard.loadtest.simulation;

import dev.switchboard.loadtest.LoadSettings;
import dev.switchboard.loadtest.cluster.ChaosCell;
import dev.switchboard.loadtest.cluster.Cluster;
import dev.switchboard.loadtest.cluster.Fault;
import dev.switchboard.loadtest.cluster.Nemesis;
import dev.switchboard.loadtest.ledger.FaultWindow;
import dev.switchboard.loadtest.ledger.Ledger;
import dev.switchboard.loadtest.wallet.WalletRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The run's nemesis schedule, from the settings: SIGKILL relay 0 and/or mediator 0 at the configured times
 * after the first forward ({@code faults}), and the faults of the chaos cell {@code loadtest.chaosCell}
 * ({@code chaos}). Gatling reconnects a WebSocket closed by the server only when the virtual user next sends
 * on it, while a real wallet (Credo) reconnects as soon as its socket closes; so after every injection and
 * heal each wallet sends a trust ping at its next poll and every second after until one is answered ({@link
 * #lastFaultMillis()}), which reconnects the wallets whose relay died (a reconnect refused while HAProxy still
 * routes to the dead relay is retried).
 */
final class FaultInjector {
    private final List<Fault> faults = new ArrayList<>();
    private final @Nullable Nemesis nemesis;
    private final RunClock clock;
    private final Ledger ledger;
    private final LoadSettings settings;
    private final WalletRegistry registry;

    FaultInjector(
            LoadSettings settings, @Nullable Cluster cluster, RunClock clock, Ledger ledger, WalletRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        this.ledger = ledger;
        this.registry = registry;
        if (!settings.killRelayAfter().isZero()) {
            faults.add(new Fault(Fault.Kind.KILL, "relay-0", settings.killRelayAfter(), Duration.ZERO));
        }
        if (!settings.killMediatorAfter().isZero()) {
            faults.add(new Fault(Fault.Kind.KILL, "mediator-0", settings.killMediatorAfter(), Duration.ZERO));
        }
        if (!settings.chaosCell().isEmpty()) {
            faults.addAll(ChaosCell.named(settings.chaosCell()).faults());
        }
        if (!faults.isEmpty() && cluster == null) {
            throw new IllegalStateException("fault injection needs the cluster started by this JVM (no loadtest.ws)");
        }
        nemesis = cluster == null ? null : new Nemesis(cluster);
    }

    /**
     * Starts the schedule's clock at the first forward, or, when wallets are still onboarding then (a busy
     * machine), once every wallet has onboarded: a fault is meant to hit steady load, and the harness' wallets
     * do not retry a failed onboarding. Gives up (no fault, so the run shows no window) when onboarding is not
     * done {@code 20 s} before the last forward.
     */
    void schedule() {
        if (nemesis == null || faults.isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("nemesis-start").start(() -> {
            try {
                while (registry.size() < settings.wallets()
                        && System.currentTimeMillis() < clock.sendingEndsAt() - 20_000) {
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (registry.size() < settings.wallets()) {
                System.out.printf(
                        "nemesis: only %d of %d wallets onboarded 20 s before the last forward: no fault injected%n",
                        registry.size(), settings.wallets());
                return;
            }
            long zero = Math.max(clock.sendingStartsAt(), System.currentTimeMillis());
            System.out.printf(
                    "nemesis: %d wallets onboarded; faults timed from %+.1f s after the first forward%n",
                    registry.size(), (zero - clock.sendingStartsAt()) / 1000.0);
            nemesis.schedule(faults, zero);
        });
    }

    /** Epoch ms of the last injection or heal, 0 before any. */
    long lastFaultMillis() {
        return nemesis == null ? 0 : nemesis.lastChangeMillis();
    }

    /** The fault windows so far. */
    List<FaultWindow> windows() {
        return nemesis == null ? List.of() : nemesis.windows();
    }

    /**
     * Recovery per fault: ms from its heal (for a kill: the kill) until every message sent before then was
     * received, -1 when one never was; stops the nemesis.
     */
    Map<String, Double> recoveryMillis() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (FaultWindow w : windows()) {
            long r = ledger.recoveryMicros(w.endMicros());
            out.put(w.name(), r < 0 ? -1.0 : r / 1000.0);
        }
        if (nemesis != null) {
            nemesis.close();
        }
        return out;
    }
}
