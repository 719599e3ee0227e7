package dev.switchboard.loadtest.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verdict over a run's {@link History} and the nemesis' {@link FaultWindow}s, in the manner of Jepsen's
 * queue checkers: every acknowledged forward is <em>delivered</em>, <em>recovered</em> (acknowledged before a
 * fault healed and first received only after it healed) or <em>lost</em> (never received), and
 * <em>duplicated</em> when received more than once; a receipt of an id never sent is <em>unexpected</em>, one
 * of a forward whose 202 never came back is an <em>indeterminate</em> send that succeeded. Per wallet, a
 * message is <em>reordered</em> when some message sent after its 202 reached the wallet first (pickup 2.0 <a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0685-pickup-v2">RFC 0685</a> delivers a
 * queue; redelivery after a fault reorders by design, so this is reported, not failed). The run is valid when
 * nothing was lost and nothing unexpected arrived: DIDComm mediation is at-least-once, so duplicates are
 * counted, not failed.
 */
public final class Checker {
    private Checker() {}

    /** How many ids of each failing class the verdict lists. */
    static final int LISTED = 20;

    /** Checks {@code history} given the fault windows (any order; may be empty). */
    public static Verdict check(History history, List<FaultWindow> windows) {
        Map<String, History.Receipt> receipts = new HashMap<>();
        history.receipts().forEach(r -> receipts.put(r.id(), r));
        long delivered = 0;
        long recovered = 0;
        long duplicated = 0;
        long duplicateReceipts = 0;
        List<String> lost = new ArrayList<>();
        Set<String> acknowledgedIds = new HashSet<>();
        for (History.Acknowledged a : history.acknowledged()) {
            acknowledgedIds.add(a.id());
            History.Receipt r = receipts.get(a.id());
            if (r == null) {
                lost.add(a.id());
                continue;
            }
            if (r.count() > 1) {
                duplicated++;
                duplicateReceipts += r.count() - 1;
            }
            if (windows.stream().anyMatch(w -> healedBetween(w, a, r))) {
                recovered++;
            } else {
                delivered++;
            }
        }
        List<String> unexpected = new ArrayList<>();
        long indeterminate = 0;
        for (History.Receipt r : history.receipts()) {
            if (acknowledgedIds.contains(r.id())) {
                continue;
            }
            if (history.unacknowledged().contains(r.id())) {
                indeterminate++;
            } else {
                unexpected.add(r.id());
            }
        }
        List<Verdict.WindowFigures> figures = windows.stream()
                .sorted(Comparator.comparingLong(FaultWindow::startMicros))
                .map(w -> figures(w, history, receipts))
                .toList();
        lost.sort(null);
        unexpected.sort(null);
        return new Verdict(
                history.acknowledged().size(),
                delivered,
                recovered,
                lost.size(),
                duplicated,
                duplicateReceipts,
                unexpected.size(),
                indeterminate,
                reordered(history, receipts),
                lost.subList(0, Math.min(LISTED, lost.size())),
                unexpected.subList(0, Math.min(LISTED, unexpected.size())),
                figures);
    }

    private static boolean healedBetween(FaultWindow w, History.Acknowledged a, History.Receipt r) {
        return a.acknowledgedMicros() <= w.endMicros() && r.receivedMicros() > w.endMicros();
    }

    /**
     * Per wallet, in arrival order: a message is reordered when a message received before it was sent after its
     * 202 (so the mediator held it first).
     */
    private static long reordered(History history, Map<String, History.Receipt> receipts) {
        Map<String, List<History.Acknowledged>> byWallet = new HashMap<>();
        for (History.Acknowledged a : history.acknowledged()) {
            if (receipts.containsKey(a.id())) {
                byWallet.computeIfAbsent(a.recipient(), k -> new ArrayList<>()).add(a);
            }
        }
        long reordered = 0;
        for (List<History.Acknowledged> messages : byWallet.values()) {
            messages.sort(Comparator.comparingLong(a -> receipts.get(a.id()).order()));
            long latestSentBefore = Long.MIN_VALUE;
            for (History.Acknowledged a : messages) {
                if (latestSentBefore > a.acknowledgedMicros()) {
                    reordered++;
                }
                latestSentBefore = Math.max(latestSentBefore, a.sentMicros());
            }
        }
        return reordered;
    }

    /**
     * One window: the messages outstanding when it healed (acknowledged by then, not yet received), the time from
     * the heal until the last of them arrived (-1 when one never did) and until the median one did, and the
     * end-to-end latency of the messages acknowledged from the fault's start until that recovery.
     */
    private static Verdict.WindowFigures figures(
            FaultWindow w, History history, Map<String, History.Receipt> receipts) {
        long outstanding = 0;
        long lost = 0;
        long lastArrival = w.endMicros();
        List<Long> arrivals = new ArrayList<>();
        for (History.Acknowledged a : history.acknowledged()) {
            if (a.acknowledgedMicros() > w.endMicros()) {
                continue;
            }
            History.Receipt r = receipts.get(a.id());
            if (r == null) {
                outstanding++;
                lost++;
            } else if (r.receivedMicros() > w.endMicros()) {
                outstanding++;
                lastArrival = Math.max(lastArrival, r.receivedMicros());
                arrivals.add(r.receivedMicros() - w.endMicros());
            }
        }
        long recovery = lost > 0 ? -1 : lastArrival - w.endMicros();
        long until = recovery < 0 ? w.endMicros() : w.endMicros() + recovery;
        List<Long> latencies = new ArrayList<>();
        for (History.Acknowledged a : history.acknowledged()) {
            History.Receipt r = receipts.get(a.id());
            if (r != null && a.acknowledgedMicros() >= w.startMicros() && a.acknowledgedMicros() <= until) {
                latencies.add(Math.max(0, r.receivedMicros() - a.sentMicros()));
            }
        }
        return new Verdict.WindowFigures(
                w, outstanding, lost, recovery, percentile(arrivals, 50), latencies.size(), percentile(latencies, 99));
    }

    private static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        values.sort(null);
        return values.get(Math.max(0, (int) Math.ceil(p / 100 * values.size()) - 1));
    }
}
