package dev.switchboard.loadtest.ledger;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@link Checker}'s classification of one run.
 *
 * @param acknowledged forwards answered 202
 * @param delivered acknowledged and received, not only after a fault healed
 * @param recovered acknowledged before a fault healed and first received after it healed
 * @param lost acknowledged and never received
 * @param duplicated acknowledged messages received more than once
 * @param duplicateReceipts receipts after the first, over all messages
 * @param unexpected received but never sent (an invented or foreign message)
 * @param indeterminate received although their forward was not answered 202 (the 202 was lost: a timeout, a
 *     killed mediator); allowed
 * @param reordered messages a wallet received after a message that was sent after their 202
 * @param lostIds the first {@value Checker#LISTED} lost ids, sorted
 * @param unexpectedIds the first {@value Checker#LISTED} unexpected ids, sorted
 * @param windows figures per fault window, in order of start
 */
public record Verdict(
        long acknowledged,
        long delivered,
        long recovered,
        long lost,
        long duplicated,
        long duplicateReceipts,
        long unexpected,
        long indeterminate,
        long reordered,
        List<String> lostIds,
        List<String> unexpectedIds,
        List<WindowFigures> windows) {

    public Verdict {
        lostIds = List.copyOf(lostIds);
        unexpectedIds = List.copyOf(unexpectedIds);
        windows = List.copyOf(windows);
    }

    /**
     * One fault window's figures.
     *
     * @param window the fault
     * @param outstandingAtHeal messages acknowledged by the heal and not received by then
     * @param lost of those, never received
     * @param recoveryMicros from the heal until the last of them arrived; 0 when none was outstanding, -1 when
     *     one was lost
     * @param medianArrivalMicros from the heal until the median one of those received arrived (0 without any)
     * @param messages messages acknowledged from the fault's start until the recovery (the p99's sample)
     * @param p99Micros their end-to-end latency (send to first receipt), 99th percentile; 0 without a sample
     */
    public record WindowFigures(
            FaultWindow window,
            long outstandingAtHeal,
            long lost,
            long recoveryMicros,
            long medianArrivalMicros,
            long messages,
            long p99Micros) {

        /** One line for humans. */
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "%s: %.1f s, outstanding at heal %d (median arrived %.1f s after), lost %d, time to recover %s,"
                            + " p99 during the fault %.1f ms (%d messages)",
                    window.name(),
                    (window.endMicros() - window.startMicros()) / 1e6,
                    outstandingAtHeal,
                    medianArrivalMicros / 1e6,
                    lost,
                    recoveryMicros < 0 ? "NOT RECOVERED" : String.format(Locale.ROOT, "%.1f s", recoveryMicros / 1e6),
                    p99Micros / 1000.0,
                    messages);
        }

        String toJson() {
            return String.format(
                    Locale.ROOT,
                    "{\"fault\":\"%s\",\"start_us\":%d,\"end_us\":%d,\"outstanding_at_heal\":%d,\"lost_before_heal\":%d,"
                            + "\"recovery_ms\":%.1f,\"median_arrival_ms\":%.1f,\"messages\":%d,\"p99_during_ms\":%.1f}",
                    window.name().replace("\"", "'"),
                    window.startMicros(),
                    window.endMicros(),
                    outstandingAtHeal,
                    lost,
                    recoveryMicros < 0 ? -1.0 : recoveryMicros / 1000.0,
                    medianArrivalMicros / 1000.0,
                    messages,
                    p99Micros / 1000.0);
        }
    }

    /** True when no acknowledged message was lost and no unexpected message arrived. */
    public boolean valid() {
        return lost == 0 && unexpected == 0;
    }

    /** The classification and each window, one line each, then {@code CHECKER: VALID} or {@code CHECKER: INVALID}. */
    public String summary() {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "checker: acknowledged=%d delivered=%d recovered=%d lost=%d duplicated=%d (%d extra receipts)"
                        + " unexpected=%d indeterminate=%d reordered=%d%n",
                acknowledged,
                delivered,
                recovered,
                lost,
                duplicated,
                duplicateReceipts,
                unexpected,
                indeterminate,
                reordered));
        windows.forEach(w -> out.append("  ").append(w.summary()).append('\n'));
        if (!lostIds.isEmpty()) {
            out.append("  lost (first ")
                    .append(lostIds.size())
                    .append("): ")
                    .append(lostIds)
                    .append('\n');
        }
        if (!unexpectedIds.isEmpty()) {
            out.append("  unexpected (first ")
                    .append(unexpectedIds.size())
                    .append("): ")
                    .append(unexpectedIds)
                    .append('\n');
        }
        out.append(valid() ? "CHECKER: VALID\n" : "CHECKER: INVALID\n");
        return out.toString();
    }

    /** The verdict as one JSON object (flat numbers, the windows as an array). */
    public String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"valid\":%b,\"acknowledged\":%d,\"delivered\":%d,\"recovered\":%d,\"lost\":%d,\"duplicated\":%d,"
                        + "\"duplicate_receipts\":%d,\"unexpected\":%d,\"indeterminate\":%d,\"reordered\":%d,"
                        + "\"windows\":[%s]}",
                valid(),
                acknowledged,
                delivered,
                recovered,
                lost,
                duplicated,
                duplicateReceipts,
                unexpected,
                indeterminate,
                reordered,
                windows.stream().map(WindowFigures::toJson).collect(Collectors.joining(",")));
    }
}
