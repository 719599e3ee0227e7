package dev.switchboard.socketdock.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks and derived values of the package's records: {@link Meta}, {@link MessageEvent}, etc. */
class RecordsTest {
    private static final Meta META = Meta.of("c1", "http://r/socket/c1/send", "http://r/socket/c1/disconnect");

    @Test
    void metaRefusesMissingFieldsAndSeqBelowOne() {
        assertThatThrownBy(() -> Meta.of(null, "s", "d"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("connection_id");
        assertThatThrownBy(() -> Meta.of("c", null, "d")).hasMessage("send");
        assertThatThrownBy(() -> Meta.of("c", "s", null)).hasMessage("disconnect");
        assertThatThrownBy(() -> META.withMessage(0, Frame.TEXT, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seq: 0 (expected: >= 1)");
        assertThat(META.withMessage(1, Frame.TEXT, null).seq()).isEqualTo(1L);
    }

    @Test
    void metaCopiesHeadersAndWithersKeepTheOtherFields() {
        Map<String, String> headers = new HashMap<>(Map.of("a", "1"));
        Meta m = META.withHeaders(headers).withInstanceId("i1").withMessage(7, Frame.BINARY, Meta.BASE64);
        headers.put("b", "2");
        assertThat(m.headers()).containsExactly(Map.entry("a", "1"));
        assertThatThrownBy(() -> m.headers().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m)
                .isEqualTo(new Meta(
                        "c1",
                        "http://r/socket/c1/send",
                        "http://r/socket/c1/disconnect",
                        Map.of("a", "1"),
                        "i1",
                        7L,
                        Frame.BINARY,
                        Meta.BASE64));
    }

    @Test
    void textFramesAreTextEvenWhenNotStrictUtf8AndBinaryUtf8StaysText() {
        byte[] utf8 = "héllo".getBytes(StandardCharsets.UTF_8);
        MessageEvent text = MessageEvent.of(META, 1, Frame.TEXT, utf8);
        assertThat(text.message()).isEqualTo("héllo");
        assertThat(text.meta().encoding()).isNull();
        assertThat(text.frame()).isEqualTo(Frame.TEXT);
        MessageEvent binaryText = MessageEvent.of(META, 2, Frame.BINARY, utf8);
        assertThat(binaryText.meta().encoding()).isNull();
        assertThat(binaryText.frame()).isEqualTo(Frame.BINARY);
        assertThat(binaryText.payload()).isEqualTo(utf8);
    }

    @Test
    void everyByteValueSurvivesABinaryFrame() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        MessageEvent event = MessageEvent.of(META, 3, Frame.BINARY, all);
        assertThat(event.meta().encoding()).isEqualTo(Meta.BASE64);
        assertThat(event.meta().seq()).isEqualTo(3L);
        MessageEvent back = SocketDockJson.readMessage(SocketDockJson.write(event));
        assertThat(back.payload()).isEqualTo(all);
        assertThat(back).isEqualTo(event);
        // an empty binary frame is valid UTF-8: the empty string
        assertThat(MessageEvent.of(META, 4, Frame.BINARY, new byte[0]).message())
                .isEmpty();
    }

    @Test
    void aMessageWithoutFrameIsTextAndBadBase64IsAClearError() {
        assertThat(new MessageEvent(META, "x").frame()).isEqualTo(Frame.TEXT);
        MessageEvent bad = new MessageEvent(META.withMessage(1, Frame.BINARY, Meta.BASE64), "not base64!");
        assertThatThrownBy(bad::payload).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageEvent(META, null)).hasMessage("message");
        assertThatThrownBy(() -> new MessageEvent(null, "x")).hasMessage("meta");
    }

    @Test
    void frameWireNamesAreCaseInsensitiveAndUnknownOnesRefused() {
        assertThat(Frame.fromWireName("TEXT")).isEqualTo(Frame.TEXT);
        assertThat(Frame.fromWireName("Binary")).isEqualTo(Frame.BINARY);
        assertThatThrownBy(() -> Frame.fromWireName("ping"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame: ping (expected: text or binary)");
        assertThatThrownBy(() -> SocketDockJson.readMessage(
                        "{\"meta\":{\"connection_id\":\"c\",\"send\":\"s\",\"disconnect\":\"d\",\"frame\":\"ping\"},\"message\":\"x\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void heartbeatRefusesNegativeConnectionsAndWritesStartedAtAsIso8601() {
        Instant at = Instant.parse("2026-12-03T12:00:00Z");
        assertThatThrownBy(() -> new Heartbeat("i", "http://r", -1, at))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connections: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new Heartbeat("i", "http://r", 0, null)).hasMessage("started_at");
        String json = new String(SocketDockJson.write(new Heartbeat("i", "http://r", 2, at)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"started_at\":\"2026-12-03T12:00:00Z\"").doesNotContain("startedAt");
        assertThatThrownBy(() -> SocketDockJson.readHeartbeat(
                        "{\"instance_id\":\"i\",\"endpoint\":\"e\",\"started_at\":\"2026-12-03T12:00:00Z\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .as("connections is a primitive: absent is refused, not read as 0")
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> SocketDockJson.readHeartbeat(
                        "{\"instance_id\":\"i\",\"endpoint\":\"e\",\"connections\":1,\"started_at\":\"yesterday\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void disconnectAndConnectRefuseTheirMissingRequiredField() {
        assertThatThrownBy(() -> SocketDockJson.readDisconnect("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("connection_id");
        assertThatThrownBy(() -> SocketDockJson.readConnect("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("meta");
        assertThat(DisconnectEvent.of("c1")).isEqualTo(new DisconnectEvent("c1", null, null, null));
        assertThat(new String(SocketDockJson.write(DisconnectEvent.of("c1")), StandardCharsets.UTF_8))
                .isEqualTo("{\"connection_id\":\"c1\"}");
    }

    @Test
    void callbackUrisJoinEndpointPrefixIdAndKindWhateverTheTrailingSlash() {
        assertThat(CallbackPaths.disconnectUri("http://r:1", "c9")).isEqualTo("http://r:1/socket/c9/disconnect");
        assertThat(CallbackPaths.disconnectUri("http://r:1/", "c9")).isEqualTo("http://r:1/socket/c9/disconnect");
        assertThat(CallbackPaths.sendUri("http://r:1/base", "c9")).isEqualTo("http://r:1/base/socket/c9/send");
        assertThat(CallbackPaths.parse(CallbackPaths.PREFIX)).isEmpty();
        assertThat(CallbackPaths.parse("/socket/c1/")).isEmpty();
        assertThat(CallbackPaths.parse("/socket/c1/send/")).isEmpty();
        assertThat(CallbackPaths.parse("/socket/c1/SEND")).isEmpty();
    }

    @Test
    void wrongJsonTypesAreMalformedWithTheEventNamed() {
        String meta = "{\"connection_id\":\"c\",\"send\":\"s\",\"disconnect\":\"d\"}";
        for (String body : new String[] {
            "{\"meta\":" + meta + ",\"message\":{}}",
            "{\"meta\":" + meta + ",\"message\":[\"x\"]}",
            "{\"meta\":\"c\",\"message\":\"x\"}",
            "{\"meta\":" + meta.replace("\"c\"", "{}") + ",\"message\":\"x\"}",
            "[]"
        }) {
            assertThatThrownBy(() -> SocketDockJson.readMessage(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body)
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageStartingWith("MessageEvent: ");
        }
        assertThatThrownBy(() -> SocketDockJson.readHeartbeat(
                        "{\"instance_id\":\"i\",\"endpoint\":\"e\",\"connections\":\"many\",\"started_at\":\"2026-12-03T12:00:00Z\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("Heartbeat: ");
    }
}
