package dev.switchboard.mediator.transport;

import dev.switchboard.mediator.config.InboundConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs the processing of inbound requests off the Vert.x event loop, one virtual thread per request, in two
 * lanes ({@link Lane}) with their own bounds ({@link InboundConfig}): at most {@code max-concurrent} at a
 * time per lane, the rest waiting in arrival order, at most {@code max-queued} requests and {@code
 * max-queued-bytes} of bodies waiting. A request past a lane's bounds is shed at once on the event loop,
 * before any work: 503 with {@code Retry-After} and {@code {"code":"overloaded"}}, counted in {@code
 * switchboard_inbound_shed_total{lane}} (gauges: {@code switchboard_inbound_admitted{lane}}, processing plus
 * waiting, and {@code switchboard_inbound_waiting_bytes{lane}}).
 *
 * <p>Why: the resources are non-blocking, so Quarkus REST reads each request body fully on the event loop
 * (one buffer, no worker thread parked on a blocking input stream that the event loop must wake for every
 * chunk); the processing itself (unpack, Redis round trips, pack, relay callbacks) blocks and runs here. The
 * lanes keep anonymous {@code POST /} traffic from starving the relays' frames, and the bounds keep a flood
 * from holding unbounded bodies in memory.
 */
@ApplicationScoped
public class InboundExecutor {
    /** Where a request comes from. */
    public enum Lane {
        /** {@code POST /}: any sender on the internet. */
        ANONYMOUS,
        /** {@code POST /socketdock/*}: a relay whose token verified. */
        RELAY;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("inbound-", 0).factory());
    private final Map<Lane, Bounds> lanes = new EnumMap<>(Lane.class);
    private final int retryAfterSeconds;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public InboundExecutor(InboundConfig config, MeterRegistry meters) {
        this.meters = meters;
        this.retryAfterSeconds = config.retryAfterSeconds();
        lanes.put(Lane.ANONYMOUS, new Bounds(Lane.ANONYMOUS, config.anonymous()));
        lanes.put(Lane.RELAY, new Bounds(Lane.RELAY, config.relay()));
        for (Bounds b : lanes.values()) {
            Tags tags = Tags.of("lane", b.lane.tag());
            meters.gauge("switchboard.inbound.admitted", tags, b, Bounds::admitted);
            meters.gauge("switchboard.inbound.waiting.bytes", tags, b.waitingBytes);
        }
    }

    /** One lane's permits and waiting room. */
    private static final class Bounds {
        final Lane lane;
        final int capacity;
        final Semaphore admission;
        final Semaphore permits;
        final long maxQueuedBytes;
        final AtomicLong waitingBytes = new AtomicLong();

        Bounds(Lane lane, InboundConfig.Lane config) {
            if (config.maxConcurrent() <= 0) {
                throw new IllegalArgumentException("switchboard.inbound." + lane.tag() + ".max-concurrent: "
                        + config.maxConcurrent() + " (expected: > 0)");
            }
            if (config.maxQueued() < 0) {
                throw new IllegalArgumentException("switchboard.inbound." + lane.tag() + ".max-queued: "
                        + config.maxQueued() + " (expected: >= 0)");
            }
            if (config.maxQueuedBytes() < 0) {
                throw new IllegalArgumentException("switchboard.inbound." + lane.tag() + ".max-queued-bytes: "
                        + config.maxQueuedBytes() + " (expected: >= 0)");
            }
            this.lane = lane;
            this.capacity = config.maxConcurrent() + config.maxQueued();
            this.admission = new Semaphore(capacity);
            this.permits = new Semaphore(config.maxConcurrent(), true);
            this.maxQueuedBytes = config.maxQueuedBytes();
        }

        /**
         * Takes a place (processing or waiting), or false when the lane is full (then nothing was taken). A
         * body that alone exceeds the byte bound is admitted when no other body waits, so it is never shed
         * for its size alone (the HTTP body limit bounds that).
         */
        boolean admit(long bytes) {
            if (!admission.tryAcquire()) {
                return false;
            }
            long after = waitingBytes.addAndGet(bytes);
            if (after > maxQueuedBytes && after != bytes) {
                waitingBytes.addAndGet(-bytes);
                admission.release();
                return false;
            }
            return true;
        }

        int admitted() {
            return capacity - admission.availablePermits();
        }
    }

    /**
     * Runs {@code work} on a virtual thread in {@code lane}, or sheds it.
     *
     * @param bodyBytes the size of the request body the work holds while it waits
     * @return the response; a 503 with {@code Retry-After} at once when the lane is full; or the exception
     *     {@code work} threw (Quarkus maps it as it would from a blocking method: 500 unless a mapper says
     *     otherwise)
     */
    public CompletionStage<Response> submit(Lane lane, long bodyBytes, Supplier<Response> work) {
        Bounds bounds = lanes.get(lane);
        if (!bounds.admit(bodyBytes)) {
            meters.counter("switchboard.inbound.shed", "lane", lane.tag()).increment();
            return CompletableFuture.completedFuture(shed());
        }
        CompletableFuture<Response> result = new CompletableFuture<>();
        // the request's trace context (OpenTelemetry, from the relay's traceparent) goes along
        executor.execute(io.opentelemetry.context.Context.current().wrap(() -> {
            try {
                bounds.permits.acquire();
            } catch (InterruptedException e) {
                bounds.waitingBytes.addAndGet(-bodyBytes);
                bounds.admission.release();
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
                return;
            }
            bounds.waitingBytes.addAndGet(-bodyBytes);
            Response response = null;
            Throwable failure = null;
            try {
                response = work.get();
            } catch (Throwable t) {
                failure = t;
            } finally {
                // the place is free before the answer goes out
                bounds.permits.release();
                bounds.admission.release();
            }
            if (failure == null) {
                result.complete(response);
            } else {
                result.completeExceptionally(failure);
            }
        }));
        return result;
    }

    /** The answer to a shed request: 503, {@code Retry-After}, {@code {"code":"overloaded"}}. */
    Response shed() {
        return Response.status(503)
                .header("Retry-After", Integer.toString(retryAfterSeconds))
                .entity(DidcommResource.error("overloaded", "too many requests waiting; retry later"))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdown();
    }
}
