package dev.switchboard.loadtest.simulation;

import dev.switchboard.loadtest.cluster.Cluster;
import dev.switchboard.loadtest.cluster.ProcessStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Reconnect figures after the last fault (the reconnect storm of {@code loadtest/run storm}): when each wallet
 * was live again (its first trust ping answered after the fault), and the CPU time the cluster's processes
 * (mediators, redis-server, relays, HAProxy) used from the fault until every onboarded wallet was live again.
 */
final class StormWatch {
    private final @Nullable Cluster cluster;
    private final Map<String, Long> liveAgain = new ConcurrentHashMap<>();
    private volatile long faultMillis;
    private volatile @Nullable List<ProcessStats> atFault;
    private volatile @Nullable List<ProcessStats> atAllLive;
    private volatile long allLiveMillis;

    StormWatch(@Nullable Cluster cluster) {
        this.cluster = cluster;
    }

    /** A wallet noticed the fault at {@code millis} (epoch ms): the first notice of it samples the CPU. */
    synchronized void fault(long millis) {
        if (millis > faultMillis) {
            faultMillis = millis;
            liveAgain.clear();
            atAllLive = null;
            atFault = cluster == null ? null : cluster.sample();
        }
    }

    /**
     * Wallet {@code name} had a ping answered at {@code millis} after the fault; when it is the last of {@code
     * wallets} the CPU is sampled.
     */
    void liveAgain(String name, long millis, int wallets) {
        if (liveAgain.putIfAbsent(name, millis) == null && liveAgain.size() >= wallets) {
            synchronized (this) {
                if (atAllLive == null && cluster != null) {
                    allLiveMillis = System.currentTimeMillis();
                    atAllLive = cluster.sample();
                }
            }
        }
    }

    /** The figures as one line ({@code storm: ...}), or empty when there was no fault. */
    String report(int wallets) {
        if (faultMillis == 0) {
            return "";
        }
        List<Long> after = new ArrayList<>();
        liveAgain.values().forEach(m -> after.add(m - faultMillis));
        after.sort(null);
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "storm: %d of %d onboarded wallets live again after the fault; all live after %s s (median %s s)",
                after.size(),
                wallets,
                after.size() >= wallets && !after.isEmpty()
                        ? String.format(Locale.ROOT, "%.1f", after.get(after.size() - 1) / 1000.0)
                        : "NOT ALL",
                after.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", after.get(after.size() / 2) / 1000.0)));
        List<ProcessStats> from = atFault;
        List<ProcessStats> to = atAllLive;
        if (from != null && to != null) {
            double seconds = Math.max(1, allLiveMillis - faultMillis) / 1000.0;
            out.append(String.format(Locale.ROOT, "; CPU from the fault until all live (%.1f s):", seconds));
            for (ProcessStats s : to) {
                from.stream()
                        .filter(f -> f.pid() == s.pid())
                        .findFirst()
                        .ifPresent(f -> out.append(String.format(
                                Locale.ROOT,
                                " %s %.1f s (%.0f%% of a core)",
                                s.name(),
                                (s.cpuMillis() - f.cpuMillis()) / 1000.0,
                                (s.cpuMillis() - f.cpuMillis()) / 10.0 / seconds)));
            }
        }
        return out.append('\n').toString();
    }
}
