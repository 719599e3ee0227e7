package dev.switchboard.socketdock.relay.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * All relay metrics (names below, all prefixed {@code socketdock_}). Thread-safe; one instance per
 * relay.
 *
 * <ul>
 *   <li>{@code connections_open} gauge; {@code connections_opened_total};
 *       {@code connections_closed_total{code}} by WebSocket close code;
 *       {@code upgrades_rejected_total{reason}} ({@code capacity}, {@code draining}, {@code path});
 *   <li>{@code frames_in_total{frame}}, {@code frames_out_total{frame}} ({@code text|binary});
 *       {@code bytes_in_total}, {@code bytes_out_total} (frame payload bytes);
 *   <li>{@code backend_request_duration_seconds{event}} histogram per attempt;
 *       {@code backend_errors_total{event,status}} (HTTP status, {@code timeout} or {@code io});
 *       {@code backend_retries_total{event}};
 *   <li>{@code callback_requests_total{callback,status}};
 *   <li>{@code dispatch_queue_depth} gauge (backend POSTs waiting or in flight, all sockets);
 *       {@code dispatch_queue_overflows_total}.
 * </ul>
 */
public final class RelayMetrics {
    private final LongAdder opened = new LongAdder();
    private final Map<Integer, LongAdder> closedByCode = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> upgradesRejected = new ConcurrentHashMap<>();
    private final LongAdder textIn = new LongAdder();
    private final LongAdder binaryIn = new LongAdder();
    private final LongAdder textOut = new LongAdder();
    private final LongAdder binaryOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<String, Histogram> backendLatency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> backendErrors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> backendRetries = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> callbacks = new ConcurrentHashMap<>();
    private final LongAdder dispatchDepth = new LongAdder();
    private final LongAdder dispatchOverflows = new LongAdder();
    private volatile IntSupplier openConnections = () -> 0;

    /** Sets where the open-connections gauge reads from (the connection registry). */
    public void openConnectionsGauge(IntSupplier supplier) {
        openConnections = supplier;
    }

    /** A socket finished its upgrade. */
    public void connectionOpened() {
        opened.increment();
    }

    /** A socket closed with this close code (RFC 6455 section 7.4). */
    public void connectionClosed(int code) {
        closedByCode.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    /** An upgrade was refused. @param reason {@code capacity}, {@code draining} or {@code path} */
    public void upgradeRejected(String reason) {
        upgradesRejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** A data frame arrived from a client. */
    public void frameIn(boolean text, int bytes) {
        (text ? textIn : binaryIn).increment();
        bytesIn.add(bytes);
    }

    /** A data frame was written to a client. */
    public void frameOut(boolean text, int bytes) {
        (text ? textOut : binaryOut).increment();
        bytesOut.add(bytes);
    }

    /** One backend POST attempt finished (any outcome). */
    public void backendLatency(String event, long nanos) {
        backendLatency
                .computeIfAbsent(event, k -> new Histogram(Histogram.LATENCY_BOUNDS))
                .observeNanos(nanos);
    }

    /** One backend POST attempt failed. @param status the HTTP status, {@code timeout} or {@code io} */
    public void backendError(String event, String status) {
        backendErrors
                .computeIfAbsent(event + "\u0000" + status, k -> new LongAdder())
                .increment();
    }

    /** A backend POST is retried. */
    public void backendRetry(String event) {
        backendRetries.computeIfAbsent(event, k -> new LongAdder()).increment();
    }

    /** A callback was answered. @param callback {@code send}, {@code disconnect} or {@code unknown} */
    public void callback(String callback, int status) {
        callbacks
                .computeIfAbsent(callback + "\u0000" + status, k -> new LongAdder())
                .increment();
    }

    /** Dispatch queue depth changed by {@code delta} (all sockets together). */
    public void dispatchDepth(int delta) {
        dispatchDepth.add(delta);
    }

    /** Backend POSTs queued or in flight, all sockets. */
    public long dispatchDepth() {
        return dispatchDepth.sum();
    }

    /** A socket's dispatch queue was full. */
    public void dispatchOverflow() {
        dispatchOverflows.increment();
    }

    /** Count of callbacks answered with {@code status} (for tests and logs). */
    public long callbackCount(String callback, int status) {
        LongAdder a = callbacks.get(callback + "\u0000" + status);
        return a == null ? 0 : a.sum();
    }

    /** Count of sockets closed with {@code code}. */
    public long closedCount(int code) {
        LongAdder a = closedByCode.get(code);
        return a == null ? 0 : a.sum();
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "socketdock_connections_open", "Open WebSockets.", openConnections::getAsInt);
        counter(out, "socketdock_connections_opened_total", "WebSockets opened.", opened::sum);
        family(out, "socketdock_connections_closed_total", "WebSockets closed, by close code.", "counter");
        new TreeMap<>(closedByCode)
                .forEach((code, n) ->
                        sample(out, "socketdock_connections_closed_total", "code=\"" + code + "\"", n.sum()));
        family(out, "socketdock_upgrades_rejected_total", "Upgrades refused, by reason.", "counter");
        new TreeMap<>(upgradesRejected)
                .forEach((r, n) -> sample(out, "socketdock_upgrades_rejected_total", "reason=\"" + r + "\"", n.sum()));
        family(out, "socketdock_frames_in_total", "Data frames received from clients.", "counter");
        sample(out, "socketdock_frames_in_total", "frame=\"text\"", textIn.sum());
        sample(out, "socketdock_frames_in_total", "frame=\"binary\"", binaryIn.sum());
        family(out, "socketdock_frames_out_total", "Data frames written to clients.", "counter");
        sample(out, "socketdock_frames_out_total", "frame=\"text\"", textOut.sum());
        sample(out, "socketdock_frames_out_total", "frame=\"binary\"", binaryOut.sum());
        counter(out, "socketdock_bytes_in_total", "Frame payload bytes received.", bytesIn::sum);
        counter(out, "socketdock_bytes_out_total", "Frame payload bytes written.", bytesOut::sum);
        family(out, "socketdock_backend_request_duration_seconds", "Backend POST attempt latency.", "histogram");
        new TreeMap<>(backendLatency)
                .forEach((event, h) ->
                        h.write(out, "socketdock_backend_request_duration_seconds", "event=\"" + event + "\""));
        family(out, "socketdock_backend_errors_total", "Failed backend POST attempts, by event and status.", "counter");
        new TreeMap<>(backendErrors).forEach((key, n) -> {
            String[] p = key.split("\u0000", 2);
            sample(out, "socketdock_backend_errors_total", "event=\"" + p[0] + "\",status=\"" + p[1] + "\"", n.sum());
        });
        family(out, "socketdock_backend_retries_total", "Backend POST retries, by event.", "counter");
        new TreeMap<>(backendRetries)
                .forEach((event, n) ->
                        sample(out, "socketdock_backend_retries_total", "event=\"" + event + "\"", n.sum()));
        family(out, "socketdock_callback_requests_total", "Callbacks answered, by callback and status.", "counter");
        new TreeMap<>(callbacks).forEach((key, n) -> {
            String[] p = key.split("\u0000", 2);
            sample(
                    out,
                    "socketdock_callback_requests_total",
                    "callback=\"" + p[0] + "\",status=\"" + p[1] + "\"",
                    n.sum());
        });
        gauge(
                out,
                "socketdock_dispatch_queue_depth",
                "Backend POSTs queued or in flight, all sockets.",
                dispatchDepth::sum);
        counter(
                out,
                "socketdock_dispatch_queue_overflows_total",
                "Sockets closed with 1013 on a full dispatch queue.",
                dispatchOverflows::sum);
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, LongSupplier value) {
        family(out, name, help, "gauge");
        out.append(name).append(' ').append(value.getAsLong()).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, LongSupplier value) {
        family(out, name, help, "counter");
        out.append(name).append(' ').append(value.getAsLong()).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }
}
