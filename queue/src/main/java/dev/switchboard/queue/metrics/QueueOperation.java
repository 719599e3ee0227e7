package dev.switchboard.queue.metrics;

/** The operations whose latency {@link QueueMetrics#latency} reports (a Micrometer tag value {@link #tag()}). */
public enum QueueOperation {
    ENQUEUE,
    RESERVE,
    ACKNOWLEDGE,
    RELEASE,
    RENEW,
    STATUS,
    DEAD_LETTERS,
    REQUEUE,
    PURGE,
    DELETE,
    TOTALS,
    ROUTE_PUT,
    ROUTE_GET,
    ROUTE_REMOVE,
    HEARTBEAT,
    LOG_APPEND,
    LOG_POLL,
    LOG_ACKNOWLEDGE,
    LOG_RECLAIM;

    /** Lower-case tag value, e.g. {@code log_append}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
