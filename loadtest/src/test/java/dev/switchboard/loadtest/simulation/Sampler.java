package dev.switchboard.loadtest.simulation;

import dev.switchboard.loadtest.cluster.Cluster;
import dev.switchboard.loadtest.cluster.ProcessStats;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Samples this JVM and the cluster's processes every 5 s, so that peaks (RSS, open sockets) are reported. */
final class Sampler {
    private static volatile long selfPeakFds;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sampler");
        t.setDaemon(true);
        return t;
    });

    Sampler(@Nullable Cluster cluster) {
        timer.scheduleWithFixedDelay(
                () -> {
                    long fds = ProcessStats.of(
                                    "gatling", ProcessHandle.current().pid())
                            .openFiles();
                    selfPeakFds = Math.max(selfPeakFds, fds);
                    if (cluster != null) {
                        cluster.sample();
                    }
                },
                1,
                5,
                TimeUnit.SECONDS);
    }

    /** The most file descriptors this JVM had open in a sample (about one per WebSocket and connection). */
    static long selfPeakFds() {
        return selfPeakFds;
    }

    void close() {
        timer.shutdownNow();
    }
}
