package dev.switchboard.mediator.delivery;

import dev.switchboard.mediator.config.RelayConfig;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Writes frames to wallets through a relay's {@code send} callback ({@code POST /socket/{id}/send}), signed
 * with the relay request token. One pooled asynchronous JDK HTTP client for all relays; nothing blocks.
 *
 * <p>Outcomes: 2xx = written to the socket; 404 (unknown socket), other statuses, refused connections and
 * timeouts = failed: the caller drops the route and leaves the messages queued.
 *
 * <p>Every send completes: the JDK client's request timeout ({@code switchboard.relay.callback-timeout},
 * {@code T}) covers the connection and the response headers but not the body, so whatever the relay does the
 * result is false after {@code 2T + 1 s} at the latest: the exchange is then cancelled (the JDK client aborts
 * it), so a relay that stalls in the body can neither stall the caller's push loop nor keep the connection.
 */
@ApplicationScoped
public class RelayClient {
    private static final Logger LOG = Logger.getLogger(RelayClient.class);

    private final HttpClient http;
    private final RelayAuth auth;
    private final Duration timeout;
    private final long hardDeadlineMillis;
    private final List<Consumer<URI>> failureListeners = new CopyOnWriteArrayList<>();

    /** Constructor injection. */
    public RelayClient(RelayAuth auth, RelayConfig config) {
        this.auth = auth;
        this.timeout = config.callbackTimeout();
        this.hardDeadlineMillis = 2 * Math.max(1, timeout.toMillis()) + 1000;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.callbackTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Registers a listener told the {@code send} URI of every callback that failed (whatever the caller then
     * does), on the thread that completes the send; it must not block.
     */
    public void onFailure(Consumer<URI> listener) {
        failureListeners.add(listener);
    }

    /**
     * Sends one frame (a text frame: packed DIDComm v1 messages are ASCII JSON).
     *
     * @param instanceId the relay instance holding the socket (selects its own secret, if it has one)
     * @param send the socket's {@code send} callback URI
     * @param frame the frame's bytes
     * @return true when the relay wrote it (2xx); false on any failure, never exceptionally; always completes
     *     (at the latest after twice the callback timeout plus a second)
     */
    public CompletionStage<Boolean> send(@Nullable String instanceId, URI send, byte[] frame) {
        HttpRequest.Builder request = HttpRequest.newBuilder(send)
                .timeout(timeout)
                .header("Content-Type", HttpNames.TEXT_PLAIN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(frame));
        String authorization =
                auth.signerFor(instanceId).authorization("POST", send, frame, RequestBinding.ofCallback(send));
        if (authorization != null) {
            request.header(HttpNames.AUTHORIZATION, authorization);
        }
        CompletableFuture<Boolean> result;
        try {
            CompletableFuture<HttpResponse<Void>> exchange =
                    http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
            // the last resort: after the hard deadline the exchange is cancelled (the JDK client then aborts
            // it and frees its connection) and the send fails; the timer goes when the exchange ends first
            CompletableFuture<Boolean> ended = new CompletableFuture<>();
            exchange.whenComplete((response, e) -> ended.complete(true));
            ended.completeOnTimeout(false, hardDeadlineMillis, TimeUnit.MILLISECONDS)
                    .thenAccept(inTime -> {
                        if (!inTime) {
                            exchange.cancel(true);
                        }
                    });
            result = exchange.thenApply(response -> {
                boolean ok = response.statusCode() / 100 == 2;
                if (!ok) {
                    LOG.debugf("send callback %s answered %d", send, response.statusCode());
                }
                return ok;
            });
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionally(e -> {
                    LOG.debugf("send callback %s failed: %s", send, e.toString());
                    return false;
                })
                .thenApply(ok -> {
                    if (!ok) {
                        failed(send);
                    }
                    return ok;
                });
    }

    private void failed(URI send) {
        for (Consumer<URI> listener : failureListeners) {
            try {
                listener.accept(send);
            } catch (RuntimeException e) {
                LOG.warnf(e, "send failure listener failed for %s", send);
            }
        }
    }
}
