package dev.switchboard.socketdock.relay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.socketdock.protocol.CloseCodes;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.relay.connection.ConnectionState;
import dev.switchboard.socketdock.relay.connection.RelayConnection;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.Wiring;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The close code a socket gets when the backend gives up (after retries against a real loopback
 * backend): 1013 on 429/503 or a full dispatch queue, 1011 on other 5xx, 1008 when the connect is
 * refused; and the message POST it gets when all is well.
 */
class GiveUpCodesTest {
    private TestBackend backend;
    private Wiring wiring;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend();
    }

    @AfterEach
    void stop() {
        if (wiring != null) {
            wiring.close();
        }
        backend.close();
    }

    private EmbeddedChannel socket(int queueSize, boolean connect) {
        wiring = new Wiring(b -> {
            b.messageUri(backend.uri("/message"))
                    .backendRetries(1)
                    .dispatchQueueSize(queueSize)
                    .pingInterval(Duration.ZERO);
            if (connect) {
                b.connectUri(backend.uri("/connect"));
            }
        });
        EmbeddedChannel ch = Wire.channel(new RelayChannelInitializer(wiring.context)::addHandlers);
        assertThat(Wire.upgrade(ch).status().code()).isEqualTo(101);
        return ch;
    }

    /** Runs the socket's tasks until it has written a close frame; returns it. */
    private static CloseWebSocketFrame awaitClose(EmbeddedChannel ch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ch.runPendingTasks();
            List<WebSocketFrame> frames = Wire.frames(ch);
            for (WebSocketFrame f : frames) {
                if (f instanceof CloseWebSocketFrame close) {
                    return close;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no close frame within 10 s");
    }

    private void answer(int status) {
        backend.answer(r -> new TestBackend.Answer(status, Duration.ZERO));
    }

    @Test
    void overloadedBackendClosesWith1013() throws Exception {
        answer(503);
        EmbeddedChannel ch = socket(8, false);
        Wire.frame(ch, new TextWebSocketFrame("m1"), true);
        CloseWebSocketFrame close = awaitClose(ch);
        assertThat(close.statusCode()).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
        assertThat(backend.all("/message")).hasSize(2); // one retry
    }

    @Test
    void tooManyRequestsClosesWith1013() throws Exception {
        answer(429);
        EmbeddedChannel ch = socket(8, false);
        Wire.frame(ch, new TextWebSocketFrame("m1"), true);
        assertThat(awaitClose(ch).statusCode()).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
    }

    @Test
    void failingBackendClosesWith1011AndTheRetryCarriesTheSameKey() throws Exception {
        answer(500);
        EmbeddedChannel ch = socket(8, false);
        String id = ch.attr(RelayConnection.KEY).get().id();
        Wire.frame(ch, new TextWebSocketFrame("m1"), true);
        assertThat(awaitClose(ch).statusCode()).isEqualTo(CloseCodes.INTERNAL_ERROR);
        assertThat(backend.all("/message"))
                .extracting(r -> r.header(HttpNames.IDEMPOTENCY_KEY))
                .containsExactly("relay-unit:" + id + ":1", "relay-unit:" + id + ":1");
    }

    @Test
    void aRejectedMessageKeepsTheSocketOpen() throws Exception {
        answer(400);
        EmbeddedChannel ch = socket(8, false);
        Wire.frame(ch, new TextWebSocketFrame("m1"), true);
        assertThat(backend.next("/message", Duration.ofSeconds(10))).isNotNull();
        RelayConnection connection = ch.attr(RelayConnection.KEY).get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connection.dispatchDepth() > 0 && System.nanoTime() < deadline) {
            ch.runPendingTasks();
            Thread.sleep(10);
        }
        assertThat(connection.dispatchDepth()).isZero();
        assertThat(connection.state()).isInstanceOf(ConnectionState.Open.class);
        assertThat(Wire.frames(ch)).isEmpty();
    }

    @Test
    void aRefusedConnectClosesWith1008AndItsFramesAreNotPosted() throws Exception {
        backend.answer(r -> new TestBackend.Answer(r.path().equals("/connect") ? 403 : 204, Duration.ZERO));
        EmbeddedChannel ch = socket(8, true);
        Wire.frame(ch, new TextWebSocketFrame("early"), true);
        assertThat(awaitClose(ch).statusCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(backend.all("/connect")).hasSize(1);
        assertThat(backend.all("/message")).isEmpty();
    }

    @Test
    void aFullDispatchQueueClosesWith1013() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        backend.answer(r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestBackend.Answer.ok();
        });
        try {
            EmbeddedChannel ch = socket(1, false);
            Wire.frame(ch, new TextWebSocketFrame("m1"), true); // in flight
            Wire.frame(ch, new TextWebSocketFrame("m2"), true); // waiting: the queue holds 1
            assertThat(Wire.frames(ch)).isEmpty();
            Wire.frame(ch, new TextWebSocketFrame("m3"), true); // over the bound
            assertThat(awaitClose(ch).statusCode()).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
            assertThat(wiring.metrics.scrape()).contains("socketdock_dispatch_queue_overflows_total 1.0");
        } finally {
            release.countDown();
        }
    }
}
