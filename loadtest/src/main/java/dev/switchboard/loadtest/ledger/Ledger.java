package dev.switchboard.loadtest.ledger;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loss and duplicate accounting of one load-generator JVM, shared by all its virtual users (thread-safe).
 *
 * <p>The sender calls {@link #sent} for every forward a mediator acknowledged with 202 (only then is the
 * mediator responsible for it); a wallet calls {@link #received} for every forwarded message it unpacked.
 * A message is <em>lost</em> when it was acknowledged but never received, a <em>duplicate</em> for every
 * receipt after the first. End-to-end latency is the receipt time minus the send timestamp carried inside the
 * inner (encrypted) message, in microseconds of the wall clock of this machine; it is reported apart for
 * messages sent while their wallet was offline (they wait for the reconnect by design).
 */
public final class Ledger {
    /** A ledger of its own (tests); virtual users share {@link #global()}. */
    public Ledger() {}

    private static final Ledger GLOBAL = new Ledger();

    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> receipts = new ConcurrentHashMap<>();
    private final Map<String, Long> receiptOrder = new ConcurrentHashMap<>();
    private final Map<String, Integer> receiptCounts = new ConcurrentHashMap<>();
    private final Set<String> unacknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong receiptSequence = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Set<String> toOffline = ConcurrentHashMap.newKeySet();
    private final Map<String, String> recipients = new ConcurrentHashMap<>();
    private volatile long firstSentMicros = Long.MAX_VALUE;
    private volatile long lastReceivedMicros;

    /** The ledger of this JVM. */
    public static Ledger global() {
        return GLOBAL;
    }

    /**
     * A forward was acknowledged (202) by a mediator.
     *
     * @param id the id inside the inner message
     * @param sentMicros the send timestamp inside the inner message, epoch microseconds
     */
    public void sent(String id, long sentMicros) {
        sent(id, sentMicros, true);
    }

    /**
     * As {@link #sent(String, long)}, telling whether the recipient was connected when it was sent: latency
     * figures are kept apart for messages that waited for an offline wallet.
     */
    public void sent(String id, long sentMicros, boolean recipientOnline) {
        sent(id, sentMicros, recipientOnline, "");
    }

    /** As {@link #sent(String, long, boolean)}, remembering the recipient for {@link #lostDetails()}. */
    public void sent(String id, long sentMicros, boolean recipientOnline, String recipient) {
        if (!recipient.isEmpty()) {
            recipients.put(id, recipient);
        }
        if (!recipientOnline) {
            toOffline.add(id);
        }
        acknowledgedAt.put(id, nowMicros());
        acknowledged.put(id, sentMicros);
        if (sentMicros < firstSentMicros) {
            firstSentMicros = sentMicros;
        }
    }

    /** A forward was answered with anything but 202 (or not answered): the sender knows it failed. */
    public void refused() {
        refused.incrementAndGet();
    }

    /**
     * As {@link #refused()}, remembering the id: the mediator may still have stored it (a 202 lost to a killed
     * mediator or a timeout), so its receipt is an indeterminate send that succeeded, not an invented message.
     */
    public void refused(String id) {
        unacknowledged.add(id);
        refused();
    }

    /**
     * A wallet unpacked a forwarded message.
     *
     * @param id the id inside the inner message
     * @param sentMicros the send timestamp inside the inner message, epoch microseconds
     * @param receivedMicros when the frame carrying it arrived, epoch microseconds
     */
    public void received(String id, long sentMicros, long receivedMicros) {
        receiptCounts.merge(id, 1, Integer::sum);
        if (receipts.putIfAbsent(id, receivedMicros) != null) {
            duplicates.incrementAndGet();
            return;
        }
        // one virtual user drives a wallet, so a wallet's receipts get increasing numbers in arrival order
        receiptOrder.put(id, receiptSequence.incrementAndGet());
        if (receivedMicros > lastReceivedMicros) {
            lastReceivedMicros = receivedMicros;
        }
    }

    /** One line per lost message: id, send time (epoch µs), recipient, whether it was sent to an offline wallet. */
    public java.util.List<String> lostDetails() {
        java.util.List<String> out = new java.util.ArrayList<>();
        acknowledged.forEach((id, sent) -> {
            if (!receipts.containsKey(id)) {
                out.add(id + " " + sent + " " + recipients.getOrDefault(id, "?")
                        + (toOffline.contains(id) ? " offline" : " online"));
            }
        });
        java.util.Collections.sort(out);
        return out;
    }

    /** Messages acknowledged so far. */
    public long acknowledgedCount() {
        return acknowledged.size();
    }

    /** Distinct messages received so far. */
    public long receivedCount() {
        return receipts.size();
    }

    /** Acknowledged messages not (yet) received. */
    public long outstanding() {
        long n = 0;
        for (String id : acknowledged.keySet()) {
            if (!receipts.containsKey(id)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Recovery after a fault at {@code faultMicros}: the time from the fault until every message acknowledged
     * before it had been received (microseconds); 0 when nothing was outstanding; -1 when some never arrived.
     */
    public long recoveryMicros(long faultMicros) {
        long latest = faultMicros;
        for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
            if (e.getValue() <= faultMicros) {
                Long at = receipts.get(e.getKey());
                if (at == null) {
                    return -1;
                }
                latest = Math.max(latest, at);
            }
        }
        return latest - faultMicros;
    }

    /**
     * A snapshot of everything recorded, for the {@link Checker}: every acknowledged forward (recipient, send and
     * acknowledgement times), every first receipt (time, arrival order, number of receipts) and the ids of the
     * forwards that were not acknowledged.
     */
    public History history() {
        java.util.List<History.Acknowledged> acks = new java.util.ArrayList<>();
        acknowledged.forEach((id, sent) -> acks.add(new History.Acknowledged(
                id, recipients.getOrDefault(id, ""), sent, acknowledgedAt.getOrDefault(id, sent))));
        java.util.List<History.Receipt> got = new java.util.ArrayList<>();
        receipts.forEach((id, at) -> got.add(
                new History.Receipt(id, at, receiptOrder.getOrDefault(id, 0L), receiptCounts.getOrDefault(id, 1))));
        return new History(acks, got, Set.copyOf(unacknowledged));
    }

    /** A snapshot of the figures. */
    public LedgerReport report() {
        long[] online = new long[receipts.size()];
        long[] offline = new long[receipts.size()];
        int n = 0;
        int m = 0;
        for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
            Long at = receipts.get(e.getKey());
            if (at != null) {
                long latency = Math.max(0, at - e.getValue());
                if (toOffline.contains(e.getKey())) {
                    offline[m++] = latency;
                } else {
                    online[n++] = latency;
                }
            }
        }
        long[] sorted = Arrays.copyOf(online, n);
        long[] sortedOffline = Arrays.copyOf(offline, m);
        Arrays.sort(sorted);
        Arrays.sort(sortedOffline);
        long lost = outstanding();
        long unexpected = 0;
        for (String id : receipts.keySet()) {
            if (!acknowledged.containsKey(id)) {
                unexpected++;
            }
        }
        long first = firstSentMicros;
        long last = lastReceivedMicros;
        double seconds = first == Long.MAX_VALUE || last <= first ? 0 : (last - first) / 1e6;
        return new LedgerReport(
                acknowledged.size(),
                refused.get(),
                receipts.size(),
                lost,
                duplicates.get(),
                unexpected,
                seconds,
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                sortedOffline.length,
                percentile(sortedOffline, 50),
                percentile(sortedOffline, 99),
                sortedOffline.length == 0 ? 0 : sortedOffline[sortedOffline.length - 1]);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
