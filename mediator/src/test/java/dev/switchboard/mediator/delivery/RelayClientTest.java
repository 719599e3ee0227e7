package dev.switchboard.mediator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.config.RelayBackendConfig;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RelayClient} against a real Vert.x HTTP server on loopback that, per socket id, answers 200, 404 with a
 * body, 200 with a 64 KiB chunked body, never answers, answers the headers and then never the body, or
 * closes the connection: every send completes (within the documented bound), no failure is ever reported as
 * written, and afterwards a fresh batch of sends is written completely (nothing is left holding a
 * connection).
 */
class RelayClientTest {
    private static final String SECRET = "relay-client-test-secret-0123456789abcdef";
    // long enough that a loaded 2-core machine answers every "ok" within it (1 s failed every send at load 6+);
    // the hanging and stalling kinds still end by the documented bound, 2T + 1 s = 11 s
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String[] KINDS = {"ok", "ok", "ok", "gone", "big", "hang", "stall", "close"};

    private static Vertx serverVertx;
    private static HttpServer server;
    private static final AtomicInteger unauthorised = new AtomicInteger();
    private static final ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        serverVertx = Vertx.vertx();
        RequestVerifier verifier = RequestVerifier.hs256(SharedSecret.ofUtf8(SECRET));
        byte[] big = new byte[64 * 1024];
        server = serverVertx
                .createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String path = request.path();
                    if (!verifier.verify(request.getHeader(HttpNames.AUTHORIZATION), "POST", path, body.getBytes())
                            .ok()) {
                        unauthorised.incrementAndGet();
                        request.response().setStatusCode(401).end("bad token");
                        return;
                    }
                    String id = path.substring("/socket/".length(), path.lastIndexOf('/'));
                    switch (id.substring(0, id.indexOf('-'))) {
                        case "ok" -> {
                            written.add(id);
                            request.response().end();
                        }
                        case "gone" -> request.response().setStatusCode(404).end("unknown socket " + id);
                        case "big" -> {
                            written.add(id);
                            request.response().setChunked(true).end(io.vertx.core.buffer.Buffer.buffer(big));
                        }
                        case "close" -> request.connection().close();
                        case "stall" ->
                            request.response()
                                    .setChunked(true)
                                    .write("headers and a first chunk, then nothing"); // never ended
                        default -> {} // hang: never answers
                    }
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        serverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static RelayClient client() {
        RelayBackendConfig config = new RelayBackendConfig() {
            @Override
            public Optional<String> jwtSecret() {
                return Optional.of(SECRET);
            }

            @Override
            public Map<String, String> jwtSecrets() {
                return Map.of();
            }

            @Override
            public long replayCacheSize() {
                return 1000;
            }

            @Override
            public boolean allowUnauthenticated() {
                return false;
            }

            @Override
            public Duration callbackTimeout() {
                return TIMEOUT;
            }

            @Override
            public Duration routeLease() {
                return Duration.ofHours(1);
            }

            @Override
            public Duration heartbeatTtl() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration idempotencyTtl() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration duplicateWait() {
                return Duration.ofSeconds(3);
            }

            @Override
            public Duration idempotencyProcessingLease() {
                return Duration.ofSeconds(5);
            }
        };
        return new RelayClient(new RelayAuth(config), config);
    }

    private static URI send(String id) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/socket/" + id + "/send");
    }

    @Test
    void everySendCompletesWhateverTheRelayDoesAndThePoolRecovers() throws Exception {
        RelayClient client = client();
        AtomicInteger failuresReported = new AtomicInteger();
        client.onFailure(uri -> failuresReported.incrementAndGet());
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<Boolean>> sends = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String id = KINDS[random.nextInt(KINDS.length)] + "-" + i;
            ids.add(id);
            sends.add(client.send(null, send(id), ("frame " + i).getBytes(StandardCharsets.US_ASCII))
                    .toCompletableFuture());
        }
        // the bound RelayClient documents (2T + 1 s) plus slack for a loaded machine
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < sends.size(); i++) {
            boolean result = sends.get(i).getNow(null);
            String kind = ids.get(i).substring(0, ids.get(i).indexOf('-'));
            if (kind.equals("gone") || kind.equals("hang") || kind.equals("stall") || kind.equals("close")) {
                assertThat(result).as(ids.get(i)).isFalse();
            }
            if (result) {
                assertThat(written).as(ids.get(i)).contains(ids.get(i));
                ok++;
            } else {
                failed++;
            }
        }
        assertThat(ok).isPositive();
        assertThat(failuresReported).hasValue(failed);
        assertThat(unauthorised).hasValue(0);

        // nothing holds a pooled connection any more: a fresh batch, more than the pool, all written
        List<CompletableFuture<Boolean>> after = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            after.add(client.send(null, send("ok-after-" + i), new byte[] {'x'}).toCompletableFuture());
        }
        CompletableFuture.allOf(after.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(after).allSatisfy(f -> assertThat(f.getNow(false)).isTrue());
    }

    @Test
    void aRefusedConnectionIsAFailureNotAHang() throws Exception {
        RelayClient client = client();
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        boolean result = client.send(
                        null, URI.create("http://127.0.0.1:" + closedPort + "/socket/x/send"), new byte[] {'x'})
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(result).isFalse();
    }
}
