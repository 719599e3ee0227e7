package dev.switchboard.socketdock.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketDockJsonTest {
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final Meta META =
            Meta.of("c1", "http://relay:8766/socket/c1/send", "http://relay:8766/socket/c1/disconnect");

    private static JsonNode tree(byte[] json) throws Exception {
        return TREE.readTree(json);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void connectHasSocketDocksShapeWithLowerCasedHeaders() throws Exception {
        byte[] json = SocketDockJson.write(
                new ConnectEvent(META.withInstanceId("i1").withHeaders(Map.of("user-agent", "x"))));
        assertThat(tree(json))
                .isEqualTo(
                        tree(utf8("{\"meta\":{\"connection_id\":\"c1\",\"send\":\"http://relay:8766/socket/c1/send\","
                                + "\"disconnect\":\"http://relay:8766/socket/c1/disconnect\",\"headers\":{\"user-agent\":\"x\"},"
                                + "\"instance_id\":\"i1\"}}")));
    }

    @Test
    void textMessageHasSocketDocksShapePlusExtensions() throws Exception {
        MessageEvent event = MessageEvent.of(META.withInstanceId("i1"), 7, Frame.TEXT, utf8("héllo"));
        assertThat(tree(SocketDockJson.write(event)))
                .isEqualTo(
                        tree(utf8("{\"meta\":{\"connection_id\":\"c1\",\"send\":\"http://relay:8766/socket/c1/send\","
                                + "\"disconnect\":\"http://relay:8766/socket/c1/disconnect\",\"instance_id\":\"i1\",\"seq\":7,"
                                + "\"frame\":\"text\"},\"message\":\"héllo\"}")));
    }

    @Test
    void binaryFrameThatIsNotUtf8GoesAsBase64AndComesBackIntact() {
        byte[] payload = {(byte) 0xff, 0x00, (byte) 0xc3, 0x28, (byte) 0x80, 0x7f};
        MessageEvent event = MessageEvent.of(META, 1, Frame.BINARY, payload);
        assertThat(event.meta().encoding()).isEqualTo("base64");
        assertThat(event.message()).isEqualTo("/wDDKIB/");
        MessageEvent read = SocketDockJson.readMessage(SocketDockJson.write(event));
        assertThat(read.payload()).containsExactly(payload);
        assertThat(read.frame()).isEqualTo(Frame.BINARY);
    }

    @Test
    void binaryFrameThatIsUtf8GoesAsTextMarkedBinary() {
        MessageEvent event = MessageEvent.of(META, 2, Frame.BINARY, utf8("{\"a\":1}"));
        assertThat(event.message()).isEqualTo("{\"a\":1}");
        assertThat(event.meta().encoding()).isNull();
        assertThat(event.meta().frame()).isEqualTo(Frame.BINARY);
    }

    @Test
    void readsOriginalSocketDockMessageWithoutExtensionsAndIgnoresUnknownFields() {
        MessageEvent read = SocketDockJson.readMessage(utf8("{\"meta\":{\"connection_id\":\"c9\",\"send\":\"s\","
                + "\"disconnect\":\"d\",\"future\":true},\"message\":\"hi\",\"other\":[1]}"));
        assertThat(read.meta().connectionId()).isEqualTo("c9");
        assertThat(read.meta().seq()).isNull();
        assertThat(read.frame()).isEqualTo(Frame.TEXT);
        assertThat(read.payload()).containsExactly(utf8("hi"));
    }

    @Test
    void disconnectIsSocketDocksShapeOrOursWithCloseCode() throws Exception {
        assertThat(tree(SocketDockJson.write(DisconnectEvent.of("c1"))))
                .isEqualTo(tree(utf8("{\"connection_id\":\"c1\"}")));
        byte[] ours = SocketDockJson.write(new DisconnectEvent("c1", META, CloseCodes.GOING_AWAY, "draining"));
        JsonNode node = tree(ours);
        assertThat(node.get("close_code").asInt()).isEqualTo(1001);
        assertThat(node.get("reason").asText()).isEqualTo("draining");
        assertThat(node.get("meta").get("send").asText()).isEqualTo(META.send());
        assertThat(SocketDockJson.readDisconnect(utf8("{\"connection_id\":\"c2\"}")))
                .isEqualTo(DisconnectEvent.of("c2"));
        assertThat(SocketDockJson.readDisconnect(ours).closeCode()).isEqualTo(1001);
    }

    @Test
    void heartbeatRoundTrips() throws Exception {
        Heartbeat hb = new Heartbeat("i1", "http://10.0.0.5:8766", 42, Instant.parse("2026-11-21T20:40:00Z"));
        byte[] json = SocketDockJson.write(hb);
        assertThat(tree(json))
                .isEqualTo(tree(utf8("{\"instance_id\":\"i1\",\"endpoint\":\"http://10.0.0.5:8766\","
                        + "\"connections\":42,\"started_at\":\"2026-11-21T20:40:00Z\"}")));
        assertThat(SocketDockJson.readHeartbeat(json)).isEqualTo(hb);
    }

    @Test
    void malformedBodiesAreReportedWithTheirStatus() {
        assertThatThrownBy(() -> SocketDockJson.readMessage(utf8("not json")))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> SocketDockJson.readMessage(utf8("{\"message\":\"x\"}")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("meta");
        assertThatThrownBy(() -> SocketDockJson.readConnect(utf8("null"))).isInstanceOf(MalformedEventException.class);
        assertThat(MalformedEventException.HTTP_STATUS).isEqualTo(400);
    }

    @Test
    void callbackPathsParseOnlyTheTwoCallbacks() {
        assertThat(CallbackPaths.sendUri("http://r:8766/", "abc")).isEqualTo("http://r:8766/socket/abc/send");
        assertThat(CallbackPaths.parse("/socket/abc/send"))
                .contains(new CallbackPaths.Callback(CallbackPaths.Callback.Kind.SEND, "abc"));
        assertThat(CallbackPaths.parse("/socket/abc/disconnect"))
                .contains(new CallbackPaths.Callback(CallbackPaths.Callback.Kind.DISCONNECT, "abc"));
        assertThat(CallbackPaths.parse("/socket/abc/other")).isEmpty();
        assertThat(CallbackPaths.parse("/socket//send")).isEmpty();
        assertThat(CallbackPaths.parse("/socket/a/b/send")).isEmpty();
        assertThat(CallbackPaths.parse("/ws")).isEmpty();
    }

    @Test
    void idempotencyKeyJoinsInstanceConnectionAndSeq() {
        assertThat(IdempotencyKey.of("i1", "c1", 3)).isEqualTo("i1:c1:3");
    }
}
