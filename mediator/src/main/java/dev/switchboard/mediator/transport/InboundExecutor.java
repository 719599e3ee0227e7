package dev.switchboard.mediator.transport;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Runs the processing of inbound requests off the Vert.x event loop, one virtual thread per request, at most
 * {@link #MAX_CONCURRENT} at a time (the rest wait for a permit, in arrival order).
 *
 * <p>Why: the resources are non-blocking, so Quarkus REST reads each request body fully on the event loop
 * (one buffer, no worker thread parked on a blocking input stream that the event loop must wake for every
 * chunk); the processing itself (unpack, Redis round trips, pack, relay callbacks) blocks and runs here.
 */
@ApplicationScoped
public class InboundExecutor {
    /** Requests processed at the same time; more wait. Bounds memory and Redis pipeline depth under overload. */
    public static final int MAX_CONCURRENT = 256;

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("inbound-", 0).factory());
    private final Semaphore permits = new Semaphore(MAX_CONCURRENT, true);

    /**
     * Runs {@code work} on a virtual thread.
     *
     * @return the response, or the exception {@code work} threw (Quarkus maps it as it would from a blocking
     *     method: 500 unless a mapper says otherwise)
     */
    public CompletionStage<Response> submit(Supplier<Response> work) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        // the request's trace context (OpenTelemetry, from the relay's traceparent) goes along
        executor.execute(io.opentelemetry.context.Context.current().wrap(() -> {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
                return;
            }
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                permits.release();
            }
        }));
        return result;
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdown();
    }
}
