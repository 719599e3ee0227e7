package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.relay.support.RelayFixture;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Per-connection order under concurrent frames, with a backend that answers after random delays. */
class OrderingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachSocketsFramesReachTheBackendInOrderWhileSocketsInterleave() throws Exception {
        int sockets = 6;
        int frames = 150;
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> b.dispatchQueueSize(frames + 10))) {
            backend.answer(r -> new TestBackend.Answer(
                    204, Duration.ofMillis(ThreadLocalRandom.current().nextInt(3))));
            List<WsClient> clients = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                clients.add(WsClient.connect(fixture.ws()));
            }
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                WsClient client = clients.get(i);
                int socket = i;
                senders.add(Thread.ofVirtual().start(() -> {
                    for (int n = 1; n <= frames; n++) {
                        client.sendText(socket + ":" + n);
                    }
                }));
            }
            for (Thread t : senders) {
                t.join();
            }
            Awaitility.await()
                    .atMost(60, TimeUnit.SECONDS)
                    .until(() -> backend.all(MESSAGE).size() == sockets * frames);

            Map<String, List<JsonNode>> byConnection = new HashMap<>();
            for (TestBackend.Received r : backend.all(MESSAGE)) {
                JsonNode m = JSON.readTree(r.body());
                byConnection
                        .computeIfAbsent(m.get("meta").get("connection_id").asText(), k -> new ArrayList<>())
                        .add(m);
            }
            assertThat(byConnection).hasSize(sockets);
            for (List<JsonNode> messages : byConnection.values()) {
                String socket = messages.get(0).get("message").asText().split(":")[0];
                for (int n = 1; n <= frames; n++) {
                    JsonNode m = messages.get(n - 1);
                    assertThat(m.get("meta").get("seq").asLong()).isEqualTo(n);
                    assertThat(m.get("message").asText()).isEqualTo(socket + ":" + n);
                }
            }
            clients.forEach(WsClient::close);
        }
    }
}
