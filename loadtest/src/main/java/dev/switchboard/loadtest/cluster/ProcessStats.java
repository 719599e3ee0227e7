package dev.switchboard.loadtest.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Resource figures of one process from {@code /proc/<pid>} (Linux): resident set size now and at peak ({@code
 * VmRSS}, {@code VmHWM}), CPU time used ({@code utime + stime}), open file descriptors. Zero when unreadable
 * (the process is gone).
 *
 * @param name the process name
 * @param pid the OS process id
 * @param rssKb resident set size, kB
 * @param peakRssKb peak resident set size, kB
 * @param cpuMillis user + system CPU time since start, ms
 * @param openFiles open file descriptors
 */
public record ProcessStats(String name, long pid, long rssKb, long peakRssKb, long cpuMillis, long openFiles) {
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    /** Reads {@code /proc/<pid>}. */
    public static ProcessStats of(String name, long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        long rss = 0;
        long hwm = 0;
        long cpu = 0;
        long files = 0;
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                }
            }
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS;
            try (var list = Files.list(proc.resolve("fd"))) {
                files = list.count();
            }
        } catch (IOException | RuntimeException e) {
            // gone or unreadable: zeros
        }
        return new ProcessStats(name, pid, rss, hwm, cpu, files);
    }

    private static long kb(String line) {
        List<String> parts = List.of(line.trim().split("\\s+"));
        return Long.parseLong(parts.get(1));
    }

    /** One line for humans. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%-12s pid=%-7d rss=%6.1f MiB peak=%6.1f MiB cpu=%7.1f s fds=%d",
                name,
                pid,
                rssKb / 1024.0,
                peakRssKb / 1024.0,
                cpuMillis / 1000.0,
                openFiles);
    }
}
