package dev.switchboard.loadtest.simulation;

import dev.switchboard.loadtest.LoadSettings;
import dev.switchboard.loadtest.cluster.Cluster;
import dev.switchboard.loadtest.cluster.ProcessStats;
import dev.switchboard.loadtest.figures.CpuWindow;
import dev.switchboard.loadtest.ledger.Checker;
import dev.switchboard.loadtest.ledger.History;
import dev.switchboard.loadtest.ledger.Ledger;
import dev.switchboard.loadtest.ledger.LedgerReport;
import dev.switchboard.loadtest.ledger.Verdict;
import dev.switchboard.loadtest.wallet.WalletRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prints the run's figures and writes them as JSON to {@code loadtest.reportFile} (default {@code
 * target/loadtest-report.json}): ledger, the checker's verdict, onboarded wallets, recovery after faults, and per process RSS, heap
 * (children through {@code jstat}), CPU seconds.
 */
final class RunReport {
    private RunReport() {}

    static void print(
            LoadSettings settings,
            Ledger ledger,
            WalletRegistry registry,
            @Nullable Cluster cluster,
            FaultInjector faults,
            CpuWindow.@Nullable Figures cpuWindow,
            long pushWebhookRequests) {
        LedgerReport report = ledger.report();
        Verdict verdict = Checker.check(ledger.history(), faults.windows());
        Map<String, Double> recovery = faults.recoveryMillis();
        long windowForwards = cpuWindow == null
                ? 0
                : ledger.history().acknowledged().stream()
                        .filter(a ->
                                a.sentMicros() >= cpuWindow.startMicros() && a.sentMicros() < cpuWindow.endMicros())
                        .count();
        List<ProcessStats> stats = new ArrayList<>();
        List<Double> heaps = new ArrayList<>();
        List<Long> peakFds = new ArrayList<>();
        stats.add(ProcessStats.of("gatling", ProcessHandle.current().pid()));
        heaps.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0);
        peakFds.add(Sampler.selfPeakFds());
        if (cluster != null) {
            cluster.processes().forEach(p -> {
                ProcessStats s = p.sample();
                stats.add(s);
                heaps.add(s.name().startsWith("haproxy") ? 0.0 : jstatHeapMb(s.pid()));
                peakFds.add(p.peakOpenFiles());
            });
        }
        StringBuilder out = new StringBuilder();
        out.append("\n==== loadtest figures (").append(settings.runId()).append(") ====\n");
        out.append(String.format(
                Locale.ROOT,
                "wallets onboarded: %d of %d; wallet errors: %d%n",
                registry.size(),
                settings.wallets(),
                Errors.count()));
        out.append(report.summary()).append('\n');
        out.append(verdict.summary());
        recovery.forEach((name, ms) -> out.append(String.format(
                Locale.ROOT, "recovery after %s: %s%n", name, ms < 0 ? "NOT RECOVERED (messages lost)" : ms + " ms")));
        StringBuilder procJson = new StringBuilder("[");
        for (int i = 0; i < stats.size(); i++) {
            ProcessStats s = stats.get(i);
            out.append(s.summary())
                    .append(String.format(Locale.ROOT, " peak-fds=%d heap=%.1f MiB%n", peakFds.get(i), heaps.get(i)));
            procJson.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"name\":\"%s\",\"rss_mib\":%.1f,\"peak_rss_mib\":%.1f,\"heap_used_mib\":%.1f,\"cpu_s\":%.1f,"
                                    + "\"fds\":%d,\"peak_fds\":%d}",
                            s.name(),
                            s.rssKb() / 1024.0,
                            s.peakRssKb() / 1024.0,
                            heaps.get(i),
                            s.cpuMillis() / 1000.0,
                            s.openFiles(),
                            peakFds.get(i)));
        }
        procJson.append(']');
        StringBuilder recJson = new StringBuilder("{");
        recovery.forEach((n, ms) -> recJson.append(recJson.length() > 1 ? "," : "")
                .append(String.format(Locale.ROOT, "\"%s\":%.1f", n, ms)));
        recJson.append('}');
        String json = String.format(
                Locale.ROOT,
                "{\"run\":\"%s\",\"wallets\":%d,\"onboarded\":%d,\"wallet_errors\":%d,\"rate\":%.1f,"
                        + "\"ledger\":%s,\"checker\":%s,\"recovery_ms\":%s,\"processes\":%s%s%s}%n",
                settings.runId(),
                settings.wallets(),
                registry.size(),
                Errors.count(),
                settings.rate(),
                report.toJson(),
                verdict.toJson(),
                recJson,
                procJson,
                cpuWindow == null ? "" : ",\"cpu_window\":" + cpuWindow.toJson(windowForwards),
                pushWebhookRequests < 0 ? "" : ",\"push_webhook_requests\":" + pushWebhookRequests);
        if (report.lost() > 0) {
            Path lostFile = Path.of(System.getProperty("loadtest.reportFile", "target/loadtest-report.json") + ".lost");
            try {
                Files.write(lostFile, ledger.lostDetails());
                out.append("lost messages listed in ").append(lostFile).append('\n');
            } catch (IOException e) {
                out.append("cannot write ")
                        .append(lostFile)
                        .append(": ")
                        .append(e)
                        .append('\n');
            }
        }
        if (cpuWindow != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "CPU in the sending window (%.0f s, %d forwards, load average %s -> %s): %s; total %d ms = %.0f us"
                            + " per forward%n",
                    cpuWindow.seconds(),
                    windowForwards,
                    cpuWindow.loadAtStart(),
                    cpuWindow.loadAtEnd(),
                    cpuWindow.usages().stream()
                            .map(u -> u.name() + " " + u.cpuMillis() + " ms")
                            .collect(java.util.stream.Collectors.joining(", ")),
                    cpuWindow.totalMillis(),
                    windowForwards == 0 ? 0.0 : cpuWindow.totalMillis() * 1000.0 / windowForwards));
        }
        if (pushWebhookRequests >= 0) {
            out.append("push notifications received by the webhook: ")
                    .append(pushWebhookRequests)
                    .append('\n');
        }
        writeHistory(ledger, faults, out);
        out.append(
                report.lost() == 0
                        ? (verdict.valid() ? "RESULT: no lost message\n" : "RESULT: INVALID (unexpected messages)\n")
                        : "RESULT: LOST " + report.lost() + " messages\n");
        System.out.print(out);
        Path file = Path.of(System.getProperty("loadtest.reportFile", "target/loadtest-report.json"));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, json);
            System.out.println("report: " + file.toAbsolutePath());
        } catch (IOException e) {
            System.err.println("loadtest: cannot write " + file + ": " + e);
        }
    }

    /**
     * Writes the run's timeline next to the report, {@code <reportFile>.history.csv}: one line per acknowledged
     * forward ({@code id,recipient,sent_us,acknowledged_us,first_received_us,receipts}, empty receipt time when
     * lost) and one {@code #fault,name,start_us,end_us} line per fault window, for reading where a recovery
     * went.
     */
    private static void writeHistory(Ledger ledger, FaultInjector faults, StringBuilder out) {
        Path file = Path.of(System.getProperty("loadtest.reportFile", "target/loadtest-report.json") + ".history.csv");
        History h = ledger.history();
        Map<String, History.Receipt> receipts = new java.util.HashMap<>();
        h.receipts().forEach(r -> receipts.put(r.id(), r));
        List<String> lines = new ArrayList<>();
        lines.add("id,recipient,sent_us,acknowledged_us,first_received_us,receipts");
        faults.windows()
                .forEach(w -> lines.add(
                        "#fault," + w.name().replace(',', ';') + "," + w.startMicros() + "," + w.endMicros()));
        for (History.Acknowledged a : h.acknowledged()) {
            History.Receipt r = receipts.get(a.id());
            lines.add(a.id() + "," + a.recipient() + "," + a.sentMicros() + "," + a.acknowledgedMicros() + ","
                    + (r == null ? "" : r.receivedMicros()) + "," + (r == null ? 0 : r.count()));
        }
        try {
            Files.write(file, lines);
            out.append("timeline: ").append(file).append('\n');
        } catch (IOException e) {
            out.append("cannot write ").append(file).append(": ").append(e).append('\n');
        }
    }

    /** Used heap of another JVM in MiB via {@code jstat -gc} (S0U+S1U+EU+OU), or -1. */
    static double jstatHeapMb(long pid) {
        Path jstat = ProcessHandle.current()
                .info()
                .command()
                .map(c -> Path.of(c).resolveSibling("jstat"))
                .orElse(Path.of("jstat"));
        try {
            Process p = new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            List<String> lines =
                    new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor();
            if (lines.size() < 2) {
                return -1;
            }
            String[] head = lines.get(0).trim().split("\\s+");
            String[] vals = lines.get(1).trim().split("\\s+");
            double kb = 0;
            for (int i = 0; i < head.length && i < vals.length; i++) {
                if (List.of("S0U", "S1U", "EU", "OU").contains(head[i])) {
                    kb += Double.parseDouble(vals[i]);
                }
            }
            return kb / 1024.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
