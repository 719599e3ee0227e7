package dev.switchboard.mediator.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.delivery.RelayClient;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.route.RouteTable;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Route recording at most once per interval per socket, against the real route table in Redis. */
@QuarkusTest
class RouteRecorderTest {
    @Inject
    RouteRecorder recorder;

    @Inject
    RouteTable routes;

    @Inject
    RelayClient relay;

    private static InboundTransport.Socket socket() {
        String id = "c-" + UUID.randomUUID();
        // port 1 on loopback: nothing listens, so a send callback to it fails at once
        return new InboundTransport.Socket(
                "relay-rr",
                id,
                URI.create("http://127.0.0.1:1/socket/" + id + "/send"),
                URI.create("http://127.0.0.1:1/socket/" + id + "/disconnect"));
    }

    private List<String> connectionsOf(String wallet) {
        return routes.routes(wallet).toCompletableFuture().join().stream()
                .map(Route::connectionId)
                .toList();
    }

    @Test
    void recordsOncePerIntervalAndAgainAfterForget() {
        String wallet = "wallet-" + UUID.randomUUID();
        InboundTransport.Socket socket = socket();

        assertThat(recorder.record(wallet, socket)).isTrue();
        assertThat(connectionsOf(wallet)).containsExactly(socket.connectionId());
        assertThat(recorder.record(wallet, socket)).isFalse();

        recorder.forget(socket.owner()); // as on a disconnect
        routes.removeConnection(socket.instanceId(), socket.connectionId())
                .toCompletableFuture()
                .join();
        assertThat(connectionsOf(wallet)).isEmpty();
        assertThat(recorder.record(wallet, socket)).isTrue();
        assertThat(connectionsOf(wallet)).containsExactly(socket.connectionId());
    }

    @Test
    void anotherWalletOnTheSameSocketIsRecordedToo() {
        InboundTransport.Socket socket = socket();
        String first = "wallet-" + UUID.randomUUID();
        String second = "wallet-" + UUID.randomUUID();
        assertThat(recorder.record(first, socket)).isTrue();
        assertThat(recorder.record(second, socket)).isTrue();
        assertThat(connectionsOf(second)).containsExactly(socket.connectionId());
    }

    @Test
    void aFailedSendCallbackMakesTheNextMessageRecordAgain() {
        String wallet = "wallet-" + UUID.randomUUID();
        InboundTransport.Socket socket = socket();
        assertThat(recorder.record(wallet, socket)).isTrue();
        // the pusher drops the route when a callback fails; the recorder must not keep it "recorded"
        routes.remove(wallet, socket.connectionId()).toCompletableFuture().join();
        assertThat(recorder.record(wallet, socket)).isFalse();

        boolean sent = relay.send(socket.instanceId(), socket.send(), "{}".getBytes(StandardCharsets.UTF_8))
                .toCompletableFuture()
                .join();

        assertThat(sent).isFalse();
        assertThat(recorder.record(wallet, socket)).isTrue();
        assertThat(connectionsOf(wallet)).containsExactly(socket.connectionId());
    }

    @Test
    void theRefreshIntervalIsHalfTheHeartbeatTtlAtMost() {
        assertThat(recorder.refreshInterval()).isPositive().isLessThanOrEqualTo(java.time.Duration.ofSeconds(15));
    }
}
