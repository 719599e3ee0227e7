package dev.switchboard.socketdock.echo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.socketdock.protocol.Frame;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.MalformedEventException;
import dev.switchboard.socketdock.protocol.MessageEvent;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import dev.switchboard.socketdock.protocol.auth.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo backend. Paths (the mediator's): {@code POST /socketdock/connect}, {@code /message},
 * {@code /disconnect}, {@code /heartbeat}; all answer 204 (401 for a bad token, 400 for a body that
 * is not SocketDock JSON). Run: {@code java -cp ... dev.switchboard.socketdock.echo.EchoBackend
 * --port 8080 --secret ...} (or {@code SOCKETDOCK_SECRET}; {@code --insecure-no-auth} to run
 * without tokens).
 */
public final class EchoBackend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EchoBackend.class);

    private final HttpServer server;
    private final HttpClient client;
    private final ExecutorService executor;
    private final RequestVerifier verifier;
    private final RequestSigner signer;
    private final LongAdder echoed = new LongAdder();

    private EchoBackend(HttpServer server, RequestVerifier verifier, RequestSigner signer) {
        this.server = server;
        this.verifier = verifier;
        this.signer = signer;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        server.setExecutor(executor);
        server.createContext("/socketdock/message", this::message);
        server.createContext("/socketdock/", this::other);
    }

    /**
     * Starts an echo backend.
     *
     * @param bind address to listen on
     * @param port port, 0 for any
     * @param secret the shared secret, or null to run without tokens
     */
    public static EchoBackend start(String bind, int port, @Nullable SharedSecret secret) throws IOException {
        // without TCP_NODELAY, Nagle's algorithm and delayed ACKs add ~40 ms to every answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 1024);
        EchoBackend backend = secret == null
                ? new EchoBackend(server, RequestVerifier.insecureAcceptAll(), RequestSigner.none())
                : new EchoBackend(server, RequestVerifier.hs256(secret), RequestSigner.hs256(secret));
        server.start();
        return backend;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Messages echoed so far. */
    public long echoed() {
        return echoed.sum();
    }

    private void message(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        if (!authenticated(exchange, body)) {
            return;
        }
        MessageEvent event;
        try {
            event = SocketDockJson.readMessage(body);
        } catch (MalformedEventException e) {
            respond(exchange, MalformedEventException.HTTP_STATUS);
            return;
        }
        respond(exchange, 204);
        echo(event);
    }

    private void echo(MessageEvent event) {
        byte[] payload = event.payload();
        URI send = URI.create(event.meta().send());
        HttpRequest.Builder request = HttpRequest.newBuilder(send)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", event.frame() == Frame.TEXT ? HttpNames.TEXT_PLAIN : "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        String authorization = signer.authorization("POST", send, payload);
        if (authorization != null) {
            request.header(HttpNames.AUTHORIZATION, authorization);
        }
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> {
                    if (error != null) {
                        LOG.warn(
                                "event=echo_failed connection_id={} cause=\"{}\"",
                                event.meta().connectionId(),
                                error.toString());
                    } else if (response.statusCode() / 100 != 2) {
                        LOG.warn(
                                "event=echo_failed connection_id={} status={}",
                                event.meta().connectionId(),
                                response.statusCode());
                    } else {
                        echoed.increment();
                    }
                });
    }

    private void other(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        if (!authenticated(exchange, body)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        try {
            switch (path) {
                case "/socketdock/connect" ->
                    LOG.info(
                            "event=connect connection_id={}",
                            SocketDockJson.readConnect(body).meta().connectionId());
                case "/socketdock/disconnect" -> {
                    var d = SocketDockJson.readDisconnect(body);
                    LOG.info("event=disconnect connection_id={} close_code={}", d.connectionId(), d.closeCode());
                }
                case "/socketdock/heartbeat" ->
                    LOG.debug(
                            "event=heartbeat connections={}",
                            SocketDockJson.readHeartbeat(body).connections());
                default -> {
                    respond(exchange, 404);
                    return;
                }
            }
        } catch (MalformedEventException e) {
            respond(exchange, MalformedEventException.HTTP_STATUS);
            return;
        }
        respond(exchange, 204);
    }

    private boolean authenticated(HttpExchange exchange, byte[] body) throws IOException {
        Verification v = verifier.verify(
                exchange.getRequestHeaders().getFirst(HttpNames.AUTHORIZATION),
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery()),
                body);
        if (!v.ok()) {
            LOG.warn(
                    "event=unauthorized path={} reason=\"{}\"",
                    exchange.getRequestURI().getPath(),
                    v.reason());
            respond(exchange, 401);
            return false;
        }
        return true;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        client.close();
    }

    /** {@code --bind 127.0.0.1 --port 8080 [--secret S | --insecure-no-auth]}; the secret also from {@code SOCKETDOCK_SECRET}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        String bind = "127.0.0.1";
        int port = 8080;
        String secret = System.getenv("SOCKETDOCK_SECRET");
        boolean insecure = false;
        List<String> a = List.of(args);
        for (int i = 0; i < a.size(); i++) {
            switch (a.get(i)) {
                case "--bind" -> bind = a.get(++i);
                case "--port" -> port = Integer.parseInt(a.get(++i));
                case "--secret" -> secret = a.get(++i);
                case "--insecure-no-auth" -> insecure = true;
                default -> {
                    System.err.println("echo-backend: unknown argument " + a.get(i)
                            + " (expected: --bind ADDR --port PORT --secret S | --insecure-no-auth)");
                    System.exit(2);
                }
            }
        }
        if (secret == null && !insecure) {
            System.err.println("echo-backend: --secret (or SOCKETDOCK_SECRET) required, or --insecure-no-auth");
            System.exit(2);
        }
        EchoBackend backend = start(bind, port, insecure ? null : SharedSecret.ofUtf8(secret));
        LOG.info("event=started port={} auth={}", backend.port(), !insecure);
        Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "echo-stop"));
        Thread.currentThread().join();
    }
}
