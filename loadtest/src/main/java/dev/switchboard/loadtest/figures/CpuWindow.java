package dev.switchboard.loadtest.figures;

import dev.switchboard.loadtest.cluster.ProcessStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time spent by a set of processes between {@link #start} and {@link #stop}, read from {@code
 * /proc/<pid>/stat} ({@code utime + stime}, clock ticks of 10 ms; Linux only) as {@code
 * loadtest/bench/cpu-split.sh} reads it. A process that is gone at {@link #stop} counts as 0 (its CPU since
 * start is unknown). Not thread-safe: start and stop from one thread, or hand over with a happens-before edge.
 */
public final class CpuWindow {
    private final List<Watched> watched;
    private final Map<Long, Long> startMillis = new LinkedHashMap<>();
    private final long startNanos;
    private final long startMicros;
    private final String loadAtStart;

    /**
     * A process to watch.
     *
     * @param name how the tables name it ({@code mediator-0}, {@code relay-0}, {@code redis-server}, {@code
     *     credo-mediator})
     * @param pid its OS process id
     */
    public record Watched(String name, long pid) {
        public Watched {
            if (name.isBlank() || pid <= 0) {
                throw new IllegalArgumentException("process: %s:%s (expected: name:pid, pid > 0)".formatted(name, pid));
            }
        }
    }

    /**
     * CPU of one process over the window.
     *
     * @param name the process name
     * @param pid its OS process id
     * @param cpuMillis user + system CPU time spent in the window, ms (multiples of 10)
     */
    public record Usage(String name, long pid, long cpuMillis) {}

    /**
     * What a window measured.
     *
     * @param seconds wall-clock length of the window, s
     * @param usages per process CPU time, in the order watched
     * @param loadAtStart {@code /proc/loadavg}'s 1, 5 and 15 minute figures at the start
     * @param loadAtEnd the same at the end
     * @param startMicros when the window started, epoch microseconds
     * @param endMicros when it ended, epoch microseconds
     */
    public record Figures(
            double seconds,
            List<Usage> usages,
            String loadAtStart,
            String loadAtEnd,
            long startMicros,
            long endMicros) {
        public Figures {
            usages = List.copyOf(usages);
        }

        /** CPU time of every process, ms. */
        public long totalMillis() {
            return usages.stream().mapToLong(Usage::cpuMillis).sum();
        }

        /**
         * As JSON: {@code {"seconds":60.0,"forwards":2400,"total_ms":1230,"load_start":"1.0 2.0 3.0","load_end":
         * "...","processes":[{"name":"mediator-0","pid":12,"cpu_ms":900},...]}}.
         *
         * @param forwards forwards accepted in the window (sent between its start and its end)
         */
        public String toJson(long forwards) {
            String processes = usages.stream()
                    .map(u -> String.format(
                            Locale.ROOT,
                            "{\"name\":\"%s\",\"pid\":%d,\"cpu_ms\":%d}",
                            u.name().replace("\"", ""),
                            u.pid(),
                            u.cpuMillis()))
                    .collect(Collectors.joining(",", "[", "]"));
            return String.format(
                    Locale.ROOT,
                    "{\"seconds\":%.1f,\"forwards\":%d,\"total_ms\":%d,\"load_start\":\"%s\",\"load_end\":\"%s\","
                            + "\"processes\":%s}",
                    seconds,
                    forwards,
                    totalMillis(),
                    loadAtStart,
                    loadAtEnd,
                    processes);
        }
    }

    private CpuWindow(List<Watched> watched) {
        this.watched = List.copyOf(watched);
        for (Watched w : this.watched) {
            startMillis.put(w.pid(), cpuMillis(w));
        }
        this.startNanos = System.nanoTime();
        this.startMicros = nowMicros();
        this.loadAtStart = loadAverage();
    }

    /** Starts a window over {@code processes}: reads their CPU time now. */
    public static CpuWindow start(List<Watched> processes) {
        return new CpuWindow(processes);
    }

    /** Reads the CPU time again: the figures since {@link #start}. */
    public Figures stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<Usage> usages = new ArrayList<>();
        for (Watched w : watched) {
            long end = cpuMillis(w);
            usages.add(new Usage(w.name(), w.pid(), end == 0 ? 0 : Math.max(0, end - startMillis.get(w.pid()))));
        }
        return new Figures(seconds, usages, loadAtStart, loadAverage(), startMicros, nowMicros());
    }

    /**
     * Parses {@code loadtest.cpuPids}: comma-separated {@code name:pid} pairs, e.g. {@code
     * credo-mediator:1234,other:5678}; blank = none.
     *
     * @throws IllegalArgumentException on a pair without a name or a positive numeric pid
     */
    public static List<Watched> parse(String spec) {
        List<Watched> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("loadtest.cpuPids: %s (expected: name:pid)".formatted(p));
            }
            try {
                out.add(new Watched(
                        p.substring(0, colon).strip(),
                        Long.parseLong(p.substring(colon + 1).strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("loadtest.cpuPids: %s (expected: name:pid)".formatted(p), e);
            }
        }
        return out;
    }

    /**
     * {@code named} plus every living descendant of this JVM whose command line contains {@code marker}, named
     * {@code marker} (the embedded redis-server, which is no {@link dev.switchboard.loadtest.cluster.ChildProcess}):
     * the processes of a system this JVM started, without helpers such as the {@code tee} of {@code loadtest/run}.
     */
    public static List<Watched> withDescendants(List<Watched> named, String marker) {
        List<Watched> out = new ArrayList<>(named);
        ProcessHandle.current().descendants().forEach(p -> {
            boolean matches = p.info()
                    .commandLine()
                    .or(() -> p.info().command())
                    .orElse("")
                    .contains(marker);
            if (matches && out.stream().noneMatch(w -> w.pid() == p.pid())) {
                out.add(new Watched(marker, p.pid()));
            }
        });
        return out;
    }

    private static long cpuMillis(Watched w) {
        return ProcessStats.of(w.name(), w.pid()).cpuMillis();
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
