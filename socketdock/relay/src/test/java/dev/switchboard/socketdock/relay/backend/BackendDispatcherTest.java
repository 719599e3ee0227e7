package dev.switchboard.socketdock.relay.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.Wiring;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BackendDispatcher} against a real HTTP backend on loopback: which answers are retried, that
 * every attempt carries the same {@code Idempotency-Key} and its own fresh request token, and the
 * outcome it gives up with (OVERLOADED becomes close 1013, FAILED close 1011 in the connection).
 */
class BackendDispatcherTest {
    private static final byte[] BODY = "{\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    private static final String KEY = "relay-unit:c1:7";

    private TestBackend backend;
    private Wiring wiring;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend();
        // a request timeout no loaded machine reaches by accident (a 300 ms one made the 2xx test see
        // retries at load 40); the timeout test below has its own short one
        wiring = new Wiring(b -> b.backendRetries(2).backendTimeout(Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        wiring.close();
        backend.close();
    }

    private Outcome post(String path, boolean retry) throws Exception {
        return post(backend.uri(path), retry);
    }

    private Outcome post(URI uri, boolean retry) throws Exception {
        return wiring.dispatcher
                .post(
                        "message",
                        uri,
                        BODY,
                        new RequestBinding(KEY, "c1"),
                        Map.of("traceparent", "00-t-s-01"),
                        retry,
                        wiring.loop())
                .get(10, TimeUnit.SECONDS);
    }

    private void answerStatuses(int... statuses) {
        AtomicInteger n = new AtomicInteger();
        backend.answer(r ->
                new TestBackend.Answer(statuses[Math.min(n.getAndIncrement(), statuses.length - 1)], Duration.ZERO));
    }

    @Test
    void a2xxIsDeliveredAtTheFirstAttemptWithAVerifiableTokenAndTheHeaders() throws Exception {
        answerStatuses(202);
        assertThat(post("/m", true)).isEqualTo(new Outcome(Outcome.Kind.DELIVERED, 202, "ok"));
        List<TestBackend.Received> got = backend.all("/m");
        assertThat(got).hasSize(1);
        TestBackend.Received r = got.get(0);
        assertThat(r.header(HttpNames.IDEMPOTENCY_KEY)).isEqualTo(KEY);
        assertThat(r.header("traceparent")).isEqualTo("00-t-s-01");
        assertThat(r.body()).isEqualTo(BODY);
        assertThat(RequestVerifier.hs256(Wiring.SECRET)
                        .verify(
                                r.header(HttpNames.AUTHORIZATION),
                                "POST",
                                "/m",
                                r.body(),
                                new RequestBinding(r.header(HttpNames.IDEMPOTENCY_KEY), "c1"))
                        .ok())
                .isTrue();
    }

    @Test
    void every5xxAttemptIsRetriedWithTheSameKeyAndAFreshTokenThenFailed() throws Exception {
        answerStatuses(500);
        assertThat(post("/m", true)).isEqualTo(new Outcome(Outcome.Kind.FAILED, 500, "HTTP 500"));
        List<TestBackend.Received> got = backend.all("/m");
        assertThat(got).hasSize(3); // the first attempt and 2 retries
        assertThat(got).extracting(r -> r.header(HttpNames.IDEMPOTENCY_KEY)).containsOnly(KEY);
        assertThat(got).extracting(r -> r.header("traceparent")).containsOnly("00-t-s-01");
        assertThat(got.stream().map(r -> r.header(HttpNames.AUTHORIZATION)).distinct())
                .as("each attempt signs anew (fresh jti)")
                .hasSize(3);
        RequestVerifier verifier = RequestVerifier.hs256(Wiring.SECRET);
        assertThat(got)
                .allMatch(r -> verifier.verify(
                                r.header(HttpNames.AUTHORIZATION),
                                "POST",
                                "/m",
                                r.body(),
                                new RequestBinding(r.header(HttpNames.IDEMPOTENCY_KEY), "c1"))
                        .ok());
        // exponential backoff: at least 100 ms, then at least 200 ms between attempts
        assertThat(TimeUnit.NANOSECONDS.toMillis(
                        got.get(1).receivedAtNanos() - got.get(0).receivedAtNanos()))
                .isGreaterThanOrEqualTo(95);
        assertThat(TimeUnit.NANOSECONDS.toMillis(
                        got.get(2).receivedAtNanos() - got.get(1).receivedAtNanos()))
                .isGreaterThanOrEqualTo(195);
        assertThat(wiring.metrics.scrape()).contains("status=\"500\"");
    }

    @Test
    void a5xxThenA2xxIsDeliveredOnTheRetry() throws Exception {
        answerStatuses(502, 200);
        assertThat(post("/m", true).kind()).isEqualTo(Outcome.Kind.DELIVERED);
        assertThat(backend.all("/m")).hasSize(2);
    }

    @Test
    void aFullPoolFailsFastAsOverloadedWithoutRetries() throws Exception {
        backend.answer(r -> new TestBackend.Answer(200, Duration.ofMillis(1500)));
        try (Wiring small = new Wiring(b -> b.backendRetries(2)
                .backendTimeout(Duration.ofSeconds(5))
                .backendPoolSize(1)
                .backendMaxPending(1)
                .backendPoolWait(Duration.ofMillis(300)))) {
            java.util.function.Supplier<io.netty.util.concurrent.Future<Outcome>> post = () -> small.dispatcher.post(
                    "message", backend.uri("/p"), BODY, RequestBinding.NONE, Map.of(), true, small.loop());
            var first = post.get(); // takes the only connection
            Thread.sleep(200);
            var second = post.get(); // waits for it
            long start = System.nanoTime();
            Outcome third = post.get().get(5, TimeUnit.SECONDS); // nobody else may wait: at once
            assertThat(third.kind()).isEqualTo(Outcome.Kind.OVERLOADED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
            // the waiting one gives up after the pool wait, also as overloaded, also without retries
            assertThat(second.get(5, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.OVERLOADED);
            assertThat(first.get(5, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.DELIVERED);
            assertThat(backend.all("/p")).hasSize(1);
            assertThat(small.metrics.scrape())
                    .contains("socketdock_backend_errors_total{event=\"message\",status=\"pool_full\"} 2.0")
                    .contains("socketdock_backend_retries_total{event=\"message\"} 0.0");
        }
    }

    @Test
    void tooManyRequestsAnd503AreOverloadedAfterRetries() throws Exception {
        answerStatuses(429);
        assertThat(post("/a", true)).isEqualTo(new Outcome(Outcome.Kind.OVERLOADED, 429, "HTTP 429"));
        assertThat(backend.all("/a")).hasSize(3);
        answerStatuses(503);
        assertThat(post("/b", true)).isEqualTo(new Outcome(Outcome.Kind.OVERLOADED, 503, "HTTP 503"));
        assertThat(backend.all("/b")).hasSize(3);
        // the last status decides: overloaded first, then a plain 500, is a failure (1011)
        answerStatuses(503, 503, 500);
        assertThat(post("/c", true).kind()).isEqualTo(Outcome.Kind.FAILED);
    }

    @Test
    void requestTimeoutIsRetriedAndFailed() throws Exception {
        answerStatuses(408);
        assertThat(post("/m", true)).isEqualTo(new Outcome(Outcome.Kind.FAILED, 408, "HTTP 408"));
        assertThat(backend.all("/m")).hasSize(3);
    }

    @Test
    void other4xxAreRejectedWithoutRetry() throws Exception {
        for (int status : new int[] {400, 401, 404, 409, 413}) {
            answerStatuses(status);
            String path = "/r" + status;
            assertThat(post(path, true)).isEqualTo(new Outcome(Outcome.Kind.REJECTED, status, "HTTP " + status));
            assertThat(backend.all(path)).as("status %d", status).hasSize(1);
        }
    }

    @Test
    void aBackendSlowerThanTheRequestTimeoutFailsWithStatus0AfterRetries() throws Exception {
        backend.answer(r -> new TestBackend.Answer(200, Duration.ofMillis(1500)));
        try (Wiring shortTimeout = new Wiring(b -> b.backendRetries(2).backendTimeout(Duration.ofMillis(300)))) {
            Outcome outcome = shortTimeout
                    .dispatcher
                    .post(
                            "message",
                            backend.uri("/slow"),
                            BODY,
                            new RequestBinding(KEY, "c1"),
                            Map.of(),
                            true,
                            shortTimeout.loop())
                    .get(10, TimeUnit.SECONDS);
            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(outcome.status()).isZero();
            assertThat(outcome.detail()).startsWith("TimeoutException");
            assertThat(backend.all("/slow")).hasSize(3);
            assertThat(backend.all("/slow"))
                    .extracting(r -> r.header(HttpNames.IDEMPOTENCY_KEY))
                    .containsOnly(KEY);
            assertThat(shortTimeout.metrics.scrape()).contains("status=\"timeout\"");
        }
    }

    @Test
    void aRefusedConnectionFailsWithStatus0() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Outcome outcome = post(URI.create("http://127.0.0.1:" + closedPort + "/m"), true);
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
        assertThat(outcome.status()).isZero();
    }

    @Test
    void withoutRetryOneAttemptDecides() throws Exception {
        answerStatuses(503, 200);
        assertThat(post("/hb", false).kind()).isEqualTo(Outcome.Kind.OVERLOADED);
        assertThat(backend.all("/hb")).hasSize(1);
    }

    @Test
    void noKeyAndNoSignerMeanNoSuchHeaders() throws Exception {
        answerStatuses(204);
        BackendDispatcher unsigned = new BackendDispatcher(wiring.client, RequestSigner.none(), wiring.metrics, 0);
        Outcome outcome = unsigned.post(
                        "heartbeat", backend.uri("/h"), BODY, RequestBinding.NONE, Map.of(), true, wiring.loop())
                .get(10, TimeUnit.SECONDS);
        assertThat(outcome.delivered()).isTrue();
        TestBackend.Received r = backend.all("/h").get(0);
        assertThat(r.header(HttpNames.AUTHORIZATION)).isNull();
        assertThat(r.header(HttpNames.IDEMPOTENCY_KEY)).isNull();
    }

    @Test
    void negativeRetriesAreRefused() {
        assertThatThrownBy(() -> new BackendDispatcher(wiring.client, RequestSigner.none(), wiring.metrics, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retries: -1 (expected: >= 0)");
    }
}
