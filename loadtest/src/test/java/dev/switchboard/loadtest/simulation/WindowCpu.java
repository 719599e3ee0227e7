package dev.switchboard.loadtest.simulation;

import dev.switchboard.loadtest.cluster.Cluster;
import dev.switchboard.loadtest.figures.CpuWindow;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Measures the CPU of the system under test over the sending window ({@link RunClock}: from {@code
 * loadtest.cpuSkipSeconds}, default 0, after the first forward to the last forward; skipping the first seconds
 * leaves out a cold JVM's JIT compilation):
 * the processes named in {@code loadtest.cpuPids} ({@code name:pid,...}, a system started outside this JVM,
 * e.g. Credo's mediator), else the in-JVM cluster's processes and the embedded redis-server (a descendant of
 * this JVM). The load generator itself is never counted.
 */
final class WindowCpu {
    private final @Nullable Cluster cluster;
    private final RunClock clock;
    private final List<CpuWindow.Watched> given;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cpu-window");
        t.setDaemon(true);
        return t;
    });
    private volatile CpuWindow.@Nullable Figures figures;
    private final long skipMillis =
            Math.round(Double.parseDouble(System.getProperty("loadtest.cpuSkipSeconds", "0")) * 1000);

    WindowCpu(@Nullable Cluster cluster, RunClock clock) {
        this.cluster = cluster;
        this.clock = clock;
        this.given = CpuWindow.parse(System.getProperty("loadtest.cpuPids", ""));
    }

    /** Schedules the window's start at the first forward and its end at the last; call after the clock started. */
    void schedule() {
        if (given.isEmpty() && cluster == null) {
            return; // an external system without pids: nothing to measure
        }
        long now = System.currentTimeMillis();
        timer.schedule(
                () -> {
                    CpuWindow window = CpuWindow.start(processes());
                    timer.schedule(
                            () -> {
                                figures = window.stop();
                            },
                            Math.max(0, clock.sendingEndsAt() - System.currentTimeMillis()),
                            TimeUnit.MILLISECONDS);
                },
                Math.max(0, clock.sendingStartsAt() + skipMillis - now),
                TimeUnit.MILLISECONDS);
    }

    private List<CpuWindow.Watched> processes() {
        if (!given.isEmpty() || cluster == null) {
            return given;
        }
        return CpuWindow.withDescendants(
                cluster.processes()
                        .map(p -> new CpuWindow.Watched(p.name(), p.pid()))
                        .toList(),
                "redis-server");
    }

    /** The window's figures, or null when it did not end (the run stopped early) or nothing was measured. */
    CpuWindow.@Nullable Figures figures() {
        return figures;
    }

    void close() {
        timer.shutdownNow();
    }
}
