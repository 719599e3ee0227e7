package dev.switchboard.loadtest.figures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Markdown table comparing runs side by side (Switchboard vs Credo's mediator, push off vs on), one row per
 * run, from the JSON reports the load generator writes ({@code loadtest.reportFile}): forwards sent
 * (acknowledged), received and lost; whether the run was lossless; end-to-end latency p50/p99; CPU per
 * forward of every process of the side over the sending window ({@code cpu_window}, see {@link CpuWindow})
 * with the split per process; the load average; and push notifications received by the webhook when the run
 * counted them ({@code push_webhook_requests}).
 *
 * <pre>java -cp ... dev.switchboard.loadtest.figures.SideBySide 'Switchboard=a.json' 'Credo 0.6.3=b.json' ...</pre>
 *
 * Exit status 2 on a bad argument or an unreadable report.
 */
public final class SideBySide {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One run of the table.
     *
     * @param side the row's label ({@code Switchboard}, {@code Credo 0.6.3 mediator}, {@code push on})
     * @param rate forwards per second offered
     * @param wallets virtual wallets in the run
     * @param acknowledged forwards the mediator accepted
     * @param received distinct forwarded messages the wallets received
     * @param lost accepted but never received
     * @param refused forwards the mediator did not accept
     * @param p50Ms end-to-end latency p50, ms (of messages to online wallets; of queued ones when no wallet was
     *     online)
     * @param p99Ms the same, p99
     * @param queued true when the latencies are those of messages queued for offline wallets
     * @param cpu the CPU window, or null when the run did not measure one
     * @param windowForwards forwards accepted inside the CPU window (what its CPU is divided by)
     * @param pushes push notifications the webhook received, or -1 when not counted
     */
    public record Row(
            String side,
            double rate,
            long wallets,
            long acknowledged,
            long received,
            long lost,
            long refused,
            double p50Ms,
            double p99Ms,
            boolean queued,
            CpuWindow.@org.jspecify.annotations.Nullable Figures cpu,
            long windowForwards,
            long pushes) {

        /** Lossless: every accepted forward received, none refused, and at least one sent. */
        public boolean lossless() {
            return acknowledged > 0 && lost == 0 && refused == 0 && received >= acknowledged;
        }

        /** CPU of every process of the side per forward accepted in the window, ms; NaN without either. */
        public double cpuPerForwardMs() {
            return cpu == null || windowForwards == 0 ? Double.NaN : (double) cpu.totalMillis() / windowForwards;
        }
    }

    private SideBySide() {}

    /**
     * Reads one report.
     *
     * @throws IllegalArgumentException when it is not a load-generator report (no {@code ledger})
     */
    public static Row read(String side, String json) {
        try {
            JsonNode r = JSON.readTree(json);
            JsonNode l = r.path("ledger");
            if (!l.isObject()) {
                throw new IllegalArgumentException("report of " + side + ": no \"ledger\" object");
            }
            long received = l.path("received").asLong();
            boolean queued = received > 0 && l.path("offline_received").asLong() >= received;
            CpuWindow.Figures cpu = null;
            JsonNode w = r.path("cpu_window");
            long windowForwards =
                    w.path("forwards").asLong(l.path("acknowledged").asLong());
            if (w.isObject()) {
                List<CpuWindow.Usage> usages = new ArrayList<>();
                for (JsonNode p : w.path("processes")) {
                    usages.add(new CpuWindow.Usage(
                            p.path("name").asText(),
                            p.path("pid").asLong(),
                            p.path("cpu_ms").asLong()));
                }
                cpu = new CpuWindow.Figures(
                        w.path("seconds").asDouble(),
                        usages,
                        w.path("load_start").asText("?"),
                        w.path("load_end").asText("?"),
                        0,
                        0);
            }
            return new Row(
                    side,
                    r.path("rate").asDouble(),
                    r.path("wallets").asLong(),
                    l.path("acknowledged").asLong(),
                    received,
                    l.path("lost").asLong(),
                    l.path("refused").asLong(),
                    l.path(queued ? "offline_p50_ms" : "p50_ms").asDouble(),
                    l.path(queued ? "offline_p99_ms" : "p99_ms").asDouble(),
                    queued,
                    cpu,
                    windowForwards,
                    r.has("push_webhook_requests")
                            ? r.path("push_webhook_requests").asLong()
                            : -1);
        } catch (IOException e) {
            throw new IllegalArgumentException("report of " + side + ": not JSON: " + e.getMessage(), e);
        }
    }

    /** The table, Markdown, one line per row; the push column only when a row counted pushes. */
    public static String table(List<Row> rows) {
        boolean pushes = rows.stream().anyMatch(r -> r.pushes() >= 0);
        StringBuilder out = new StringBuilder();
        out.append("| side | offered/s | wallets | sent / received / lost | lossless | p50 ms | p99 ms |"
                + " CPU per forward, all processes of the side | split (ms CPU in the window) |"
                + (pushes ? " push notifications |" : "")
                + " window s (forwards) | load average start -> end |\n");
        out.append("|---|---|---|---|---|---|---|---|---|" + (pushes ? "---|" : "") + "---|---|\n");
        for (Row r : rows) {
            CpuWindow.Figures c = r.cpu();
            String split = c == null
                    ? "-"
                    : c.usages().stream()
                            .map(u -> u.name() + " " + u.cpuMillis())
                            .collect(Collectors.joining(", "));
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %d | %d / %d / %d | %s | %.1f%s | %.1f%s | %s | %s |%s %s | %s |%n",
                    r.side(),
                    r.rate(),
                    r.wallets(),
                    r.acknowledged(),
                    r.received(),
                    r.lost(),
                    r.lossless() ? "yes" : "NO" + (r.refused() > 0 ? " (" + r.refused() + " refused)" : ""),
                    r.p50Ms(),
                    r.queued() ? " (queued)" : "",
                    r.p99Ms(),
                    r.queued() ? " (queued)" : "",
                    Double.isNaN(r.cpuPerForwardMs())
                            ? "-"
                            : String.format(
                                    Locale.ROOT, "%.2f ms (%.0f µs)", r.cpuPerForwardMs(), r.cpuPerForwardMs() * 1000),
                    split,
                    pushes ? " " + (r.pushes() < 0 ? "-" : Long.toString(r.pushes())) + " |" : "",
                    c == null ? "-" : String.format(Locale.ROOT, "%.0f (%d)", c.seconds(), r.windowForwards()),
                    c == null ? "-" : c.loadAtStart() + " -> " + c.loadAtEnd()));
        }
        return out.toString();
    }

    /** Prints the table of {@code label=report.json} arguments, in order. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: SideBySide 'label=report.json' ...");
            System.exit(2);
        }
        List<Row> rows = new ArrayList<>();
        try {
            for (String arg : args) {
                int eq = arg.lastIndexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("argument: " + arg + " (expected: label=report.json)");
                }
                Path file = Path.of(arg.substring(eq + 1));
                rows.add(read(arg.substring(0, eq), Files.readString(file)));
            }
        } catch (IOException e) {
            System.err.println("SideBySide: " + new UncheckedIOException(e).getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("SideBySide: " + e.getMessage());
            System.exit(2);
        }
        System.out.print(table(rows));
    }
}
