package dev.switchboard.mediator.delivery;

import dev.switchboard.mediator.config.RelayConfig;
import dev.switchboard.socketdock.protocol.HttpNames;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Writes frames to wallets through a relay's {@code send} callback ({@code POST /socket/{id}/send}), signed
 * with the relay request token. One Vert.x HTTP/1.1 client on the application's Vert.x event loops, with
 * keep-alive connections pooled per relay ({@value #POOL_SIZE} at most); nothing blocks.
 *
 * <p>Outcomes: 2xx = written to the socket; 404 (unknown socket), other statuses, refused connections and
 * timeouts ({@code switchboard.relay.callback-timeout}, for the connection and for the answer) = failed: the
 * caller drops the route and leaves the messages queued.
 */
@ApplicationScoped
public class RelayClient {
    private static final Logger LOG = Logger.getLogger(RelayClient.class);
    /** Keep-alive connections per relay callback host:port. */
    static final int POOL_SIZE = 64;

    private final HttpClient http;
    private final RelayAuth auth;
    private final long timeoutMillis;

    /** Constructor injection. */
    public RelayClient(RelayAuth auth, RelayConfig config, Vertx vertx) {
        this.auth = auth;
        this.timeoutMillis = Math.max(1, config.callbackTimeout().toMillis());
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int)
                        Math.min(Integer.MAX_VALUE, timeoutMillis)),
                new PoolOptions().setHttp1MaxSize(POOL_SIZE));
    }

    /**
     * Sends one frame (a text frame: packed DIDComm v1 messages are ASCII JSON).
     *
     * @param send the socket's {@code send} callback URI
     * @param frame the frame's bytes
     * @return true when the relay wrote it (2xx); false on any failure, never exceptionally
     */
    public CompletionStage<Boolean> send(URI send, byte[] frame) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        try {
            RequestOptions request = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(send.toString())
                    .setTimeout(timeoutMillis)
                    .putHeader("Content-Type", HttpNames.TEXT_PLAIN);
            String authorization = auth.signer().authorization("POST", send, frame);
            if (authorization != null) {
                request.putHeader(HttpNames.AUTHORIZATION, authorization);
            }
            http.request(request)
                    .compose(r -> r.send(Buffer.buffer(frame)))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .onComplete(outcome -> {
                        if (outcome.failed()) {
                            LOG.debugf("send callback %s failed: %s", send, outcome.cause());
                            result.complete(false);
                            return;
                        }
                        boolean ok = outcome.result() / 100 == 2;
                        if (!ok) {
                            LOG.debugf("send callback %s answered %d", send, outcome.result());
                        }
                        result.complete(ok);
                    });
        } catch (RuntimeException e) {
            LOG.debugf("send callback %s failed: %s", send, e.toString());
            result.complete(false);
        }
        return result;
    }

    void onStop(@Observes ShutdownEvent event) {
        http.close();
    }
}
