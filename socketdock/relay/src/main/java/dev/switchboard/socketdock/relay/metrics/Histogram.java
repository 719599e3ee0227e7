package dev.switchboard.socketdock.relay.metrics;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed bucket bounds in seconds. Thread-safe and lock-free. */
public final class Histogram {
    /** Default bounds for backend POST latency: 1 ms to 10 s. */
    static final double[] LATENCY_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final double[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    Histogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records one observation. @param nanos duration in nanoseconds */
    public void observeNanos(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < bounds.length; i++) {
            if (seconds <= bounds[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sumNanos.add(nanos);
    }

    /** Number of observations. */
    public long count() {
        return count.sum();
    }

    void write(StringBuilder out, String name, String labels) {
        String sep = labels.isEmpty() ? "" : labels + ",";
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets[i].sum();
            out.append(name)
                    .append("_bucket{")
                    .append(sep)
                    .append("le=\"")
                    .append(format(bounds[i]))
                    .append("\"} ")
                    .append(cumulative)
                    .append('\n');
        }
        long total = count.sum();
        out.append(name)
                .append("_bucket{")
                .append(sep)
                .append("le=\"+Inf\"} ")
                .append(total)
                .append('\n');
        String braces = labels.isEmpty() ? "" : "{" + labels + "}";
        out.append(name)
                .append("_sum")
                .append(braces)
                .append(' ')
                .append(format(sumNanos.sum() / 1e9))
                .append('\n');
        out.append(name)
                .append("_count")
                .append(braces)
                .append(' ')
                .append(total)
                .append('\n');
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
