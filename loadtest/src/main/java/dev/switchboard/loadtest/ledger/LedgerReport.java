package dev.switchboard.loadtest.ledger;

import java.util.Locale;

/**
 * The figures of one run of one load-generator JVM.
 *
 * @param acknowledged forwards answered 202
 * @param refused forwards answered otherwise or not at all (the sender knows; not counted as lost)
 * @param received distinct forwarded messages the wallets unpacked
 * @param lost acknowledged but never received
 * @param duplicates receipts after the first of the same message
 * @param unexpected received but never acknowledged (e.g. the 202 was lost to a timeout or a killed mediator)
 * @param seconds from the first acknowledged send to the last receipt
 * @param p50Micros end-to-end latency, 50th percentile, microseconds
 * @param p95Micros 95th percentile, microseconds
 * @param p99Micros 99th percentile, microseconds
 * @param maxMicros maximum, microseconds
 * @param offlineReceived messages received that were sent while their wallet was offline (not in the
 *     percentiles above)
 * @param offlineP50Micros their latency, 50th percentile, microseconds
 * @param offlineP99Micros 99th percentile, microseconds
 * @param offlineMaxMicros maximum, microseconds
 */
public record LedgerReport(
        long acknowledged,
        long refused,
        long received,
        long lost,
        long duplicates,
        long unexpected,
        double seconds,
        long p50Micros,
        long p95Micros,
        long p99Micros,
        long maxMicros,
        long offlineReceived,
        long offlineP50Micros,
        long offlineP99Micros,
        long offlineMaxMicros) {

    /** Received messages per second over {@link #seconds()}. */
    public double receivedPerSecond() {
        return seconds <= 0 ? 0 : received / seconds;
    }

    /** One line for humans. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "forwards acknowledged=%d refused=%d received=%d lost=%d duplicates=%d unexpected=%d"
                        + " | %.1f msgs/s over %.1f s | e2e latency (wallet online) ms p50=%.1f p95=%.1f p99=%.1f"
                        + " max=%.1f | sent to offline wallets: %d, latency ms p50=%.1f p99=%.1f max=%.1f",
                acknowledged,
                refused,
                received,
                lost,
                duplicates,
                unexpected,
                receivedPerSecond(),
                seconds,
                p50Micros / 1000.0,
                p95Micros / 1000.0,
                p99Micros / 1000.0,
                maxMicros / 1000.0,
                offlineReceived,
                offlineP50Micros / 1000.0,
                offlineP99Micros / 1000.0,
                offlineMaxMicros / 1000.0);
    }

    /** The report as one JSON object (no library needed for flat numbers). */
    public String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"acknowledged\":%d,\"refused\":%d,\"received\":%d,\"lost\":%d,\"duplicates\":%d,"
                        + "\"unexpected\":%d,\"seconds\":%.3f,\"received_per_second\":%.1f,\"p50_ms\":%.3f,"
                        + "\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"offline_received\":%d,"
                        + "\"offline_p50_ms\":%.3f,\"offline_p99_ms\":%.3f,\"offline_max_ms\":%.3f}",
                acknowledged,
                refused,
                received,
                lost,
                duplicates,
                unexpected,
                seconds,
                receivedPerSecond(),
                p50Micros / 1000.0,
                p95Micros / 1000.0,
                p99Micros / 1000.0,
                maxMicros / 1000.0,
                offlineReceived,
                offlineP50Micros / 1000.0,
                offlineP99Micros / 1000.0,
                offlineMaxMicros / 1000.0);
    }
}
