package dev.switchboard.socketdock.relay.backend;

import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.relay.metrics.RelayMetrics;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one backend event with its request token, retrying with exponential backoff (100 ms,
 * 200 ms, 400 ms, ... capped at 2 s) on timeouts, I/O errors, 408, 429 and 5xx (not when the connection
 * pool is exhausted: {@link PoolExhaustedException} ends the event at once as overloaded); every attempt of a
 * message carries the same {@code Idempotency-Key}. Thread-safe; the returned future completes on
 * the executor given (the socket's event loop).
 */
public final class BackendDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(BackendDispatcher.class);
    private static final long BASE_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 2000;

    private final BackendClient client;
    private final RequestSigner signer;
    private final RelayMetrics metrics;
    private final int retries;

    /** @param retries retries after the first attempt, {@code >= 0} */
    public BackendDispatcher(BackendClient client, RequestSigner signer, RelayMetrics metrics, int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
        this.client = client;
        this.signer = signer;
        this.metrics = metrics;
        this.retries = retries;
    }

    /**
     * POSTs an event with retries.
     *
     * @param event metric label: {@code connect}, {@code message}, {@code disconnect}, {@code heartbeat}
     * @param binding its {@code idempotencyKey} is sent as {@code Idempotency-Key} when not null; both it and
     *     the connection id are bound into every attempt's token (each attempt has a fresh {@code jti})
     * @param traceHeaders sent as they are on every attempt (W3C {@code traceparent}), empty for none
     * @param retry whether to retry at all (heartbeats do not: the next one follows)
     * @param executor where the returned future completes
     */
    public Future<Outcome> post(
            String event,
            URI uri,
            byte[] body,
            RequestBinding binding,
            Map<String, String> traceHeaders,
            boolean retry,
            EventExecutor executor) {
        Promise<Outcome> result = executor.newPromise();
        attempt(event, uri, body, binding, traceHeaders, retry ? retries : 0, 0, executor, result);
        return result;
    }

    private void attempt(
            String event,
            URI uri,
            byte[] body,
            RequestBinding binding,
            Map<String, String> traceHeaders,
            int retriesLeft,
            int attempt,
            EventExecutor executor,
            Promise<Outcome> result) {
        Map<String, String> headers = new HashMap<>(8);
        headers.putAll(traceHeaders);
        String authorization = signer.authorization("POST", uri, body, binding);
        if (authorization != null) {
            headers.put(HttpNames.AUTHORIZATION, authorization);
        }
        if (binding.idempotencyKey() != null) {
            headers.put(HttpNames.IDEMPOTENCY_KEY, binding.idempotencyKey());
        }
        long start = System.nanoTime();
        Promise<BackendResponse> response = executor.newPromise();
        response.addListener((Future<BackendResponse> f) -> {
            metrics.backendLatency(event, System.nanoTime() - start);
            Outcome failure;
            boolean retryable;
            if (f.isSuccess()) {
                BackendResponse r = f.getNow();
                if (r.success()) {
                    result.trySuccess(new Outcome(Outcome.Kind.DELIVERED, r.status(), "ok"));
                    return;
                }
                metrics.backendError(event, Integer.toString(r.status()));
                retryable = r.retryable();
                Outcome.Kind kind = !retryable
                        ? Outcome.Kind.REJECTED
                        : r.overloaded() ? Outcome.Kind.OVERLOADED : Outcome.Kind.FAILED;
                failure = new Outcome(kind, r.status(), "HTTP " + r.status());
            } else {
                Throwable cause = f.cause();
                if (cause instanceof PoolExhaustedException) {
                    // fail fast: waiting or retrying would only add to the backlog
                    metrics.backendError(event, "pool_full");
                    result.trySuccess(new Outcome(Outcome.Kind.OVERLOADED, 0, cause.getMessage()));
                    return;
                }
                metrics.backendError(event, cause instanceof TimeoutException ? "timeout" : "io");
                retryable = true;
                failure = new Outcome(
                        Outcome.Kind.FAILED, 0, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
            if (retryable && retriesLeft > 0) {
                metrics.backendRetry(event);
                long backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(attempt, 10));
                LOG.atDebug()
                        .setMessage("backend POST retried")
                        .addKeyValue("event", "backend_retry")
                        .addKeyValue("kind", event)
                        .addKeyValue("uri", uri)
                        .addKeyValue("attempt", attempt + 1)
                        .addKeyValue("cause", failure.detail())
                        .log();
                executor.schedule(
                        () -> attempt(
                                event,
                                uri,
                                body,
                                binding,
                                traceHeaders,
                                retriesLeft - 1,
                                attempt + 1,
                                executor,
                                result),
                        backoff,
                        TimeUnit.MILLISECONDS);
            } else {
                result.trySuccess(failure);
            }
        });
        client.post(uri, body, headers, response);
    }
}
