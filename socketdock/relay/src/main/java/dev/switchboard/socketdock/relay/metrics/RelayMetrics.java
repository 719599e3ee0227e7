package dev.switchboard.socketdock.relay.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * All relay metrics, on one Micrometer {@link PrometheusMeterRegistry} per relay. Thread-safe; every
 * meter a hot path touches (frames, bytes, a known event's timer) is registered once and kept, so a
 * frame costs a few adder increments and no allocation. Series, as {@link #scrape} exports them:
 *
 * <ul>
 *   <li>{@code socketdock_connections_open} gauge; {@code socketdock_connections_opened_total};
 *       {@code socketdock_connections_closed_total{code}} by WebSocket close code (RFC 6455 section 7.4);
 *       {@code socketdock_upgrades_rejected_total{reason}} ({@code capacity}, {@code draining}, {@code path},
 *       {@code address_sockets}, {@code address_rate}, {@code handshake_timeout}); {@code
 *       socketdock_address_table_size} gauge (client addresses tracked for the per-address limits);
 *   <li>{@code socketdock_frames_in_total{frame}}, {@code socketdock_frames_out_total{frame}} ({@code
 *       text|binary}); {@code socketdock_bytes_in_total}, {@code socketdock_bytes_out_total} (frame payload bytes);
 *   <li>{@code socketdock_backend_request_duration_seconds{event}} histogram per attempt (buckets 1 ms to 10 s);
 *       {@code socketdock_backend_errors_total{event,status}} (HTTP status, {@code timeout}, {@code io}
 *       or {@code pool_full});
 *       {@code socketdock_backend_retries_total{event}};
 *   <li>{@code socketdock_callback_requests_total{callback,status}};
 *   <li>{@code socketdock_dispatch_queue_depth} gauge (backend POSTs waiting or in flight, all sockets);
 *       {@code socketdock_dispatch_queue_overflows_total}.
 * </ul>
 */
public final class RelayMetrics {
    /** The exported metric families, by their Prometheus names (the k8s contract and MetricsIT read this list). */
    public static final List<String> NAMES = List.of(
            "socketdock_connections_open",
            "socketdock_connections_opened_total",
            "socketdock_connections_closed_total",
            "socketdock_upgrades_rejected_total",
            "socketdock_address_table_size",
            "socketdock_frames_in_total",
            "socketdock_frames_out_total",
            "socketdock_bytes_in_total",
            "socketdock_bytes_out_total",
            "socketdock_backend_request_duration_seconds",
            "socketdock_backend_errors_total",
            "socketdock_backend_retries_total",
            "socketdock_callback_requests_total",
            "socketdock_dispatch_queue_depth",
            "socketdock_dispatch_queue_overflows_total");

    /** The backend events, registered up front so that their series exist (at 0) from the start. */
    private static final List<String> EVENTS = List.of("connect", "message", "disconnect", "heartbeat");

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter opened;
    private final Map<Integer, Counter> closedByCode = new ConcurrentHashMap<>();
    private final Map<String, Counter> upgradesRejected = new ConcurrentHashMap<>();
    private final Counter textIn;
    private final Counter binaryIn;
    private final Counter textOut;
    private final Counter binaryOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Map<String, Timer> backendLatency = new ConcurrentHashMap<>();
    private final Map<String, Counter> backendErrors = new ConcurrentHashMap<>();
    private final Map<String, Counter> backendRetries = new ConcurrentHashMap<>();
    private final Map<String, Counter> callbacks = new ConcurrentHashMap<>();
    private final LongAdder dispatchDepth = new LongAdder();
    private final Counter dispatchOverflows;
    private volatile IntSupplier openConnections = () -> 0;
    private volatile LongSupplier addressTable = () -> 0;

    /** A registry with every fixed series registered. */
    public RelayMetrics() {
        Gauge.builder("socketdock.connections.open", () -> openConnections.getAsInt())
                .description("Open WebSockets.")
                .register(registry);
        Gauge.builder("socketdock.address.table.size", () -> addressTable.getAsLong())
                .description("Client addresses tracked for the per-address limits.")
                .register(registry);
        opened = counter("socketdock.connections.opened", "WebSockets opened.");
        textIn = frames("socketdock.frames.in", "text", "Data frames received from clients.");
        binaryIn = frames("socketdock.frames.in", "binary", "Data frames received from clients.");
        textOut = frames("socketdock.frames.out", "text", "Data frames written to clients.");
        binaryOut = frames("socketdock.frames.out", "binary", "Data frames written to clients.");
        bytesIn = counter("socketdock.bytes.in", "Frame payload bytes received.");
        bytesOut = counter("socketdock.bytes.out", "Frame payload bytes written.");
        Gauge.builder("socketdock.dispatch.queue.depth", dispatchDepth, LongAdder::sum)
                .description("Backend POSTs queued or in flight, all sockets.")
                .register(registry);
        dispatchOverflows =
                counter("socketdock.dispatch.queue.overflows", "Sockets closed with 1013 on a full dispatch queue.");
        for (String reason :
                List.of("capacity", "draining", "path", "address_sockets", "address_rate", "handshake_timeout")) {
            upgradeCounter(reason);
        }
        for (String event : EVENTS) {
            timer(event);
            retryCounter(event);
        }
    }

    /** Registers the address-table gauge, reading {@code supplier} (the per-address limits' table size). */
    public void addressTableGauge(LongSupplier supplier) {
        addressTable = supplier;
    }

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
        closedByCode
                .computeIfAbsent(
                        code,
                        c -> Counter.builder("socketdock.connections.closed")
                                .description("WebSockets closed, by close code.")
                                .tag("code", Integer.toString(c))
                                .register(registry))
                .increment();
    }

    /** An upgrade was refused. @param reason {@code capacity}, {@code draining} or {@code path} */
    public void upgradeRejected(String reason) {
        upgradeCounter(reason).increment();
    }

    /** A data frame arrived from a client. */
    public void frameIn(boolean text, int bytes) {
        (text ? textIn : binaryIn).increment();
        bytesIn.increment(bytes);
    }

    /** A data frame was written to a client. */
    public void frameOut(boolean text, int bytes) {
        (text ? textOut : binaryOut).increment();
        bytesOut.increment(bytes);
    }

    /** One backend POST attempt finished (any outcome). */
    public void backendLatency(String event, long nanos) {
        timer(event).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One backend POST attempt failed. @param status the HTTP status, {@code timeout} or {@code io} */
    public void backendError(String event, String status) {
        backendErrors
                .computeIfAbsent(
                        event + "\u0000" + status,
                        k -> Counter.builder("socketdock.backend.errors")
                                .description("Failed backend POST attempts, by event and status.")
                                .tag("event", event)
                                .tag("status", status)
                                .register(registry))
                .increment();
    }

    /** A backend POST is retried. */
    public void backendRetry(String event) {
        retryCounter(event).increment();
    }

    /** A callback was answered. @param callback {@code send}, {@code disconnect} or {@code unknown} */
    public void callback(String callback, int status) {
        callbackCounter(callback, status).increment();
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
        Counter c = callbacks.get(callback + "\u0000" + status);
        return c == null ? 0 : (long) c.count();
    }

    /** Count of sockets closed with {@code code}. */
    public long closedCount(int code) {
        Counter c = closedByCode.get(code);
        return c == null ? 0 : (long) c.count();
    }

    /** The Prometheus text exposition (format 0.0.4), CPU only (no I/O): fine on an event loop. */
    public String scrape() {
        return registry.scrape();
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private Counter frames(String name, String frame, String description) {
        return Counter.builder(name)
                .description(description)
                .tag("frame", frame)
                .register(registry);
    }

    private Counter upgradeCounter(String reason) {
        return upgradesRejected.computeIfAbsent(
                reason,
                r -> Counter.builder("socketdock.upgrades.rejected")
                        .description("Upgrades refused, by reason.")
                        .tag("reason", r)
                        .register(registry));
    }

    private Counter retryCounter(String event) {
        return backendRetries.computeIfAbsent(
                event,
                e -> Counter.builder("socketdock.backend.retries")
                        .description("Backend POST retries, by event.")
                        .tag("event", e)
                        .register(registry));
    }

    private Timer timer(String event) {
        return backendLatency.computeIfAbsent(
                event,
                e -> Timer.builder("socketdock.backend.request.duration")
                        .description("Backend POST attempt latency.")
                        .tag("event", e)
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry));
    }

    private Counter callbackCounter(String callback, int status) {
        return callbacks.computeIfAbsent(
                callback + "\u0000" + status,
                k -> Counter.builder("socketdock.callback.requests")
                        .description("Callbacks answered, by callback and status.")
                        .tag("callback", callback)
                        .tag("status", Integer.toString(status))
                        .register(registry));
    }
}
