package dev.switchboard.loadtest.simulation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback receiver for the mediator's push webhook ({@code switchboard.push.webhook.*}, README "Push
 * notifications"): answers every POST 200 and counts them. Started before the cluster when {@code
 * loadtest.pushWebhook} is true; it sets {@code loadtest.mediator.switchboard.push.webhook.url} and {@code
 * .secret} (a fresh 32-byte hex secret), which {@link dev.switchboard.loadtest.cluster.Cluster} passes to every
 * mediator. The signature is not checked here: the run measures cost, the mediator's tests check the signature.
 */
final class PushWebhook implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();

    private PushWebhook(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1 and an ephemeral port, and sets the mediator properties naming it. */
    static PushWebhook start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            PushWebhook hook = new PushWebhook(server);
            server.createContext("/push", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    if ("POST".equals(exchange.getRequestMethod())) {
                        hook.requests.incrementAndGet();
                    }
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/push";
            byte[] secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            System.setProperty("loadtest.mediator.switchboard.push.webhook.url", url);
            System.setProperty(
                    "loadtest.mediator.switchboard.push.webhook.secret",
                    HexFormat.of().formatHex(secret));
            return hook;
        } catch (IOException e) {
            throw new UncheckedIOException("push webhook receiver", e);
        }
    }

    /** POSTs received so far: one per push notification the mediators sent. */
    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
