package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.CONNECT;
import static dev.switchboard.socketdock.relay.support.RelayFixture.DISCONNECT;
import static dev.switchboard.socketdock.relay.support.RelayFixture.MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.protocol.MessageEvent;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.relay.support.RelayFixture;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SocketDock's exact JSON to a real backend, our extensions, tokens, binary frames, the send callback. */
class SocketDockShapesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestBackend backend;
    private RelayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend();
        fixture = new RelayFixture(backend, b -> {});
    }

    @AfterEach
    void stop() {
        fixture.close();
        backend.close();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void assertSigned(TestBackend.Received r) {
        assertThat(RequestVerifier.hs256(RelayFixture.SECRET)
                        .verify(
                                r.header("Authorization"),
                                "POST",
                                r.path(),
                                r.body(),
                                new RequestBinding(r.header("Idempotency-Key"), null))
                        .ok())
                .as("token on %s", r.path())
                .isTrue();
    }

    @Test
    void connectMessageAndDisconnectHaveSocketDocksShapesPlusOurExtensions() throws Exception {
        String endpoint = "http://127.0.0.1:" + fixture.relay.internalPort();
        try (WsClient client = WsClient.connect(fixture.ws())) {
            TestBackend.Received connect = backend.next(CONNECT, WAIT);
            assertThat(connect).isNotNull();
            assertSigned(connect);
            JsonNode c = JSON.readTree(connect.body());
            assertThat(fieldNames(c)).containsExactly("meta");
            JsonNode meta = c.get("meta");
            String id = meta.get("connection_id").asText();
            assertThat(fieldNames(meta))
                    .containsExactlyInAnyOrder("connection_id", "send", "disconnect", "headers", "instance_id");
            assertThat(meta.get("send").asText()).isEqualTo(endpoint + "/socket/" + id + "/send");
            assertThat(meta.get("disconnect").asText()).isEqualTo(endpoint + "/socket/" + id + "/disconnect");
            assertThat(meta.get("instance_id").asText()).isEqualTo("relay-test");
            assertThat(meta.get("headers").get("upgrade").asText()).isEqualToIgnoringCase("websocket");
            assertThat(fieldNames(meta.get("headers"))).allMatch(h -> h.equals(h.toLowerCase()));

            client.sendText("hello ✓");
            TestBackend.Received message = backend.next(MESSAGE, WAIT);
            assertSigned(message);
            assertThat(message.header("Idempotency-Key")).isEqualTo("relay-test:" + id + ":1");
            assertThat(message.header("Content-Type")).isEqualTo("application/json");
            JsonNode m = JSON.readTree(message.body());
            assertThat(fieldNames(m)).containsExactlyInAnyOrder("meta", "message");
            assertThat(m.get("message").asText()).isEqualTo("hello ✓");
            assertThat(fieldNames(m.get("meta")))
                    .containsExactlyInAnyOrder("connection_id", "send", "disconnect", "instance_id", "seq", "frame");
            assertThat(m.get("meta").get("seq").asLong()).isEqualTo(1);
            assertThat(m.get("meta").get("frame").asText()).isEqualTo("text");

            client.close(1000);
            TestBackend.Received disconnect = backend.next(DISCONNECT, WAIT);
            assertSigned(disconnect);
            JsonNode d = JSON.readTree(disconnect.body());
            assertThat(d.get("connection_id").asText()).isEqualTo(id);
            assertThat(d.get("close_code").asInt()).isEqualTo(1000);
            assertThat(d.get("reason").asText()).isEqualTo("bye");
            assertThat(d.get("meta").get("send").asText())
                    .isEqualTo(meta.get("send").asText());
        }
    }

    @Test
    void nonUtf8BinaryFrameReachesTheBackendIntactAndComesBackIntact() throws Exception {
        byte[] payload = new byte[256];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (255 - i);
        }
        try (WsClient client = WsClient.connect(fixture.ws())) {
            client.sendBinary(payload);
            TestBackend.Received message = backend.next(MESSAGE, WAIT);
            JsonNode m = JSON.readTree(message.body());
            assertThat(m.get("meta").get("frame").asText()).isEqualTo("binary");
            assertThat(m.get("meta").get("encoding").asText()).isEqualTo("base64");
            MessageEvent event = SocketDockJson.readMessage(message.body());
            assertThat(event.payload()).containsExactly(payload);

            var response = fixture.signedPost(URI.create(event.meta().send()), "application/octet-stream", payload);
            assertThat(response.statusCode()).isEqualTo(200);
            WsClient.Message back = client.next(WAIT);
            assertThat(back.text()).isFalse();
            assertThat(back.data()).containsExactly(payload);
        }
    }

    @Test
    void sendCallbackFollowsTheContentTypeRuleAndDisconnectClosesWith1000() throws Exception {
        try (WsClient client = WsClient.connect(fixture.ws())) {
            JsonNode meta = JSON.readTree(backend.next(CONNECT, WAIT).body()).get("meta");
            URI send = URI.create(meta.get("send").asText());
            byte[] utf8 = "{\"x\":\"é\"}".getBytes(StandardCharsets.UTF_8);

            assertThat(fixture.signedPost(send, "text/plain; charset=utf-8", utf8)
                            .statusCode())
                    .isEqualTo(200);
            WsClient.Message text = client.next(WAIT);
            assertThat(text.text()).isTrue();
            assertThat(text.string()).isEqualTo("{\"x\":\"é\"}");

            assertThat(fixture.signedPost(send, "application/json", utf8).statusCode())
                    .isEqualTo(200);
            WsClient.Message binary = client.next(WAIT);
            assertThat(binary.text()).isFalse();
            assertThat(binary.data()).containsExactly(utf8);

            assertThat(fixture.signedPost(send, "text/plain", new byte[] {(byte) 0xff})
                            .statusCode())
                    .isEqualTo(400);

            URI disconnect = URI.create(meta.get("disconnect").asText());
            assertThat(fixture.signedPost(disconnect, "text/plain", new byte[0]).statusCode())
                    .isEqualTo(200);
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1000);
            JsonNode d = JSON.readTree(backend.next(DISCONNECT, WAIT).body());
            assertThat(d.get("close_code").asInt()).isEqualTo(1000);
        }
    }

    @Test
    void rootPathUpgradesTooAndOtherPathsAre404() throws Exception {
        URI root = URI.create("ws://127.0.0.1:" + fixture.relay.publicPort() + "/");
        try (WsClient client = WsClient.connect(root)) {
            assertThat(backend.next(CONNECT, WAIT)).isNotNull();
        }
        var response = RelayFixture.get(URI.create("http://127.0.0.1:" + fixture.relay.publicPort() + "/other"));
        assertThat(response.statusCode()).isEqualTo(404);
    }
}
