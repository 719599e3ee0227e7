package dev.switchboard.mediator.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.socketdock.protocol.DisconnectEvent;
import dev.switchboard.socketdock.protocol.Frame;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.MessageEvent;
import dev.switchboard.socketdock.protocol.Meta;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The relay side of the SocketDock protocol for handler tests: posts wallet frames to the mediator's
 * {@code /socketdock/*} with signed tokens, and runs a real loopback HTTP server for the {@code send}
 * callbacks that records every frame per socket (verifying the mediator's token). A socket can be marked
 * gone, then its callback answers 404 as a relay does for an unknown connection. The relay itself (Netty) is
 * exercised in the interop tests.
 */
public final class RecordingRelay implements AutoCloseable {
    /** The secret configured for the test profile. */
    public static final String SECRET = "switchboard-test-relay-secret-0123456789";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String instanceId;
    private final RequestSigner signer = RequestSigner.hs256(SharedSecret.ofUtf8(SECRET));
    private final RequestVerifier verifier = RequestVerifier.hs256(SharedSecret.ofUtf8(SECRET));
    private final Map<String, BlockingQueue<byte[]>> frames = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<String>> traceparents = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final AtomicLong seq = new AtomicLong();

    /** Starts the callback server on a free loopback port. */
    public RecordingRelay(String instanceId) {
        this.instanceId = instanceId;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/socket/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String id = path.substring("/socket/".length(), path.lastIndexOf('/'));
            boolean authorised = verifier.verify(
                            exchange.getRequestHeaders().getFirst(HttpNames.AUTHORIZATION), "POST", path, body)
                    .ok();
            int status = !authorised ? 401 : gone.contains(id) ? 404 : 200;
            if (status == 200) {
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                traceparents
                        .computeIfAbsent(id, k -> new LinkedBlockingQueue<>())
                        .add(traceparent == null ? "" : traceparent);
                frames.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The meta of one socket of this relay. */
    public Meta meta(String connectionId) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/socket/" + connectionId;
        return Meta.of(connectionId, base + "/send", base + "/disconnect").withInstanceId(instanceId);
    }

    /** POSTs a wallet frame as the relay would; returns the mediator's answer. */
    public Response frame(String connectionId, byte[] payload) {
        MessageEvent event = MessageEvent.of(meta(connectionId), seq.incrementAndGet(), Frame.BINARY, payload);
        return post("/socketdock/message", SocketDockJson.write(event));
    }

    /** POSTs a wallet frame as a relay with tracing would, with a W3C {@code traceparent}. */
    public Response frame(String connectionId, byte[] payload, String traceparent) {
        MessageEvent event = MessageEvent.of(meta(connectionId), seq.incrementAndGet(), Frame.BINARY, payload);
        byte[] body = SocketDockJson.write(event);
        return given().contentType("application/json")
                .header(
                        HttpNames.AUTHORIZATION,
                        signer.authorization(
                                "POST", "/socketdock/message", body, new RequestBinding(null, connectionId)))
                .header("traceparent", traceparent)
                .body(body)
                .post("/socketdock/message")
                .andReturn();
    }

    /**
     * The {@code traceparent} header of the callback that wrote the next frame {@link #next} returns ("" when
     * it had none), in the order the frames came; null when none came within 5 s.
     */
    public String traceparent(String connectionId) {
        try {
            return traceparents
                    .computeIfAbsent(connectionId, k -> new LinkedBlockingQueue<>())
                    .poll(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** POSTs a disconnect of one socket. */
    public Response disconnect(String connectionId) {
        return post(
                "/socketdock/disconnect",
                SocketDockJson.write(new DisconnectEvent(connectionId, meta(connectionId), 1006, "gone")));
    }

    /** POSTs a signed body; the token binds the body's connection id (none when it names none). */
    public Response post(String path, byte[] body) {
        return given().contentType("application/json")
                .header(
                        HttpNames.AUTHORIZATION,
                        signer.authorization("POST", path, body, new RequestBinding(null, connectionIdOf(body))))
                .body(body)
                .post(path)
                .andReturn();
    }

    /** {@code meta.connection_id} or {@code connection_id} of an event body, or null. */
    static @Nullable String connectionIdOf(byte[] body) {
        try {
            JsonNode event = JSON.readTree(body);
            JsonNode id = event.path("meta").path("connection_id");
            if (id.isMissingNode()) {
                id = event.path("connection_id");
            }
            return id.isTextual() ? id.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The next frame written to a socket, waiting up to 5 s; fails when none comes. */
    public byte[] next(String connectionId) {
        return next(connectionId, 5);
    }

    /** The next frame written to a socket, waiting up to {@code seconds}; fails when none comes. */
    public byte[] next(String connectionId, int seconds) {
        try {
            byte[] frame = queue(connectionId).poll(seconds, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame on socket " + connectionId + " within " + seconds + " s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame within {@code millis}, or null. */
    public byte[] poll(String connectionId, long millis) {
        try {
            return queue(connectionId).poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private BlockingQueue<byte[]> queue(String connectionId) {
        return frames.computeIfAbsent(connectionId, k -> new LinkedBlockingQueue<>());
    }

    /** From now on the socket's callback answers 404 (the relay lost it). */
    public void markGone(String connectionId) {
        gone.add(connectionId);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
