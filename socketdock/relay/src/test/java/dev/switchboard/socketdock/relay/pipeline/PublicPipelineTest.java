package dev.switchboard.socketdock.relay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.socketdock.protocol.CloseCodes;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.relay.connection.ConnectionState;
import dev.switchboard.socketdock.relay.connection.RelayConnection;
import dev.switchboard.socketdock.relay.support.Wiring;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The public listener's whole pipeline ({@link RelayChannelInitializer}) in an {@link EmbeddedChannel}:
 * bytes in, bytes out, no sockets. Upgrade paths and refusals, frame size 1009, bad UTF-8 1007, unmasked
 * frames 1002, pings, the close handshake and the connection-cap reservation.
 */
class PublicPipelineTest {
    private static final int MAX_FRAME = 1024;
    private Wiring wiring;

    private EmbeddedChannel relay(Consumer<dev.switchboard.socketdock.relay.RelayConfigBuilder> customize) {
        if (wiring == null) {
            wiring = new Wiring(b -> {
                b.maxFrameSize(MAX_FRAME).pingInterval(java.time.Duration.ZERO);
                customize.accept(b);
            });
        }
        RelayChannelInitializer init = new RelayChannelInitializer(wiring.context);
        return Wire.channel(init::addHandlers);
    }

    private EmbeddedChannel relay() {
        return relay(b -> {});
    }

    @AfterEach
    void stop() {
        if (wiring != null) {
            wiring.close();
        }
    }

    private static CloseWebSocketFrame lastClose(EmbeddedChannel ch) {
        List<WebSocketFrame> frames = Wire.frames(ch);
        assertThat(frames).isNotEmpty().last().isInstanceOf(CloseWebSocketFrame.class);
        return (CloseWebSocketFrame) frames.get(frames.size() - 1);
    }

    @Test
    void upgradeOnWsOrRootAnswers101WithTheRfc6455AcceptAndOpensAConnection() {
        EmbeddedChannel ch = relay();
        FullHttpResponse response = Wire.upgrade(ch);
        assertThat(response.status().code()).isEqualTo(101);
        // RFC 6455 section 1.3's worked example
        assertThat(response.headers().get("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        RelayConnection connection = ch.attr(RelayConnection.KEY).get();
        assertThat(connection).isNotNull();
        assertThat(connection.state()).isInstanceOf(ConnectionState.Open.class);
        assertThat(wiring.context.registry().get(connection.id())).isSameAs(connection);
        assertThat(ch.pipeline().get("gate"))
                .as("the gate steps aside after an upgrade")
                .isNull();

        EmbeddedChannel root = relay();
        Wire.request(root, "GET / HTTP/1.1\r\nHost: relay\r\n" + Wire.UPGRADE_HEADERS, new byte[0]);
        assertThat(Wire.response(root).status().code()).isEqualTo(101);
        assertThat(wiring.context.registry().size()).isEqualTo(2);
    }

    @Test
    void otherPathsAre404AndAPlainGetIs426() {
        EmbeddedChannel ch = relay();
        Wire.request(ch, "GET /other HTTP/1.1\r\nHost: relay\r\n" + Wire.UPGRADE_HEADERS, new byte[0]);
        assertThat(Wire.response(ch).status().code()).isEqualTo(404);
        assertThat(ch.isActive()).as("keep-alive request: connection kept").isTrue();
        Wire.request(ch, "GET /ws HTTP/1.1\r\nHost: relay\r\n", new byte[0]);
        FullHttpResponse plain = Wire.response(ch);
        assertThat(plain.status().code()).isEqualTo(426);
        assertThat(plain.headers().get("Upgrade")).isEqualToIgnoringCase("websocket");
        // the same connection may still upgrade
        assertThat(Wire.upgrade(ch).status().code()).isEqualTo(101);
        assertThat(wiring.metrics.scrape()).contains("reason=\"path\"");
    }

    @Test
    void drainingRefusesUpgradesWith503RetryAfterAndCloses() {
        EmbeddedChannel ch = relay();
        wiring.context.draining().set(true);
        Wire.request(ch, "GET /ws HTTP/1.1\r\nHost: relay\r\n" + Wire.UPGRADE_HEADERS, new byte[0]);
        FullHttpResponse response = Wire.response(ch);
        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.headers().get(HttpNames.RETRY_AFTER)).isEqualTo("5");
        assertThat(Wire.body(response)).isEqualTo("relay is draining\n");
        assertThat(ch.isOpen()).isFalse();
        assertThat(wiring.context.registry().tryReserve())
                .as("no place was taken")
                .isTrue();
    }

    @Test
    void theConnectionCapRefusesWith503AndAClosedSocketGivesItsPlaceBack() {
        EmbeddedChannel first = relay(b -> b.maxConnections(1));
        assertThat(Wire.upgrade(first).status().code()).isEqualTo(101);
        EmbeddedChannel second = relay();
        Wire.request(second, "GET /ws HTTP/1.1\r\nHost: relay\r\n" + Wire.UPGRADE_HEADERS, new byte[0]);
        FullHttpResponse refused = Wire.response(second);
        assertThat(refused.status().code()).isEqualTo(503);
        assertThat(Wire.body(refused)).isEqualTo("relay is at its connection limit\n");
        assertThat(wiring.metrics.scrape()).contains("reason=\"capacity\"");
        first.close();
        assertThat(wiring.context.registry().size()).isZero();
        EmbeddedChannel third = relay();
        assertThat(Wire.upgrade(third).status().code()).isEqualTo(101);
    }

    @Test
    void aFrameOverTheMaximumSizeClosesWith1009() {
        EmbeddedChannel ch = relay();
        Wire.upgrade(ch);
        Wire.frame(ch, new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[MAX_FRAME + 1])), true);
        CloseWebSocketFrame close = lastClose(ch);
        assertThat(close.statusCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        assertThat(ch.attr(RelayConnection.KEY).get().state())
                .isEqualTo(new ConnectionState.Closed(1009, close.reasonText()));
        assertThat(ch.attr(RelayConnection.KEY).get().dispatchDepth())
                .as("nothing dispatched")
                .isZero();
    }

    @Test
    void aFrameOfExactlyTheMaximumSizeIsTaken() {
        EmbeddedChannel ch = relay();
        Wire.upgrade(ch);
        Wire.frame(ch, new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[MAX_FRAME])), true);
        assertThat(Wire.frames(ch)).isEmpty();
        RelayConnection connection = ch.attr(RelayConnection.KEY).get();
        assertThat(connection.state()).isInstanceOf(ConnectionState.Open.class);
        assertThat(connection.dispatchDepth()).as("queued for the backend").isEqualTo(1);
    }

    @Test
    void fragmentsAddingUpToMoreThanTheMaximumCloseWith1009() {
        EmbeddedChannel ch = relay();
        Wire.upgrade(ch);
        Wire.frame(ch, new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[MAX_FRAME / 2 + 1])), true);
        Wire.frame(
                ch, new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[MAX_FRAME / 2 + 1])), true);
        assertThat(lastClose(ch).statusCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesWith1007() {
        EmbeddedChannel ch = relay();
        Wire.upgrade(ch);
        Wire.frame(
                ch, new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'a', (byte) 0xC3, (byte) 0x28})), true);
        assertThat(lastClose(ch).statusCode()).isEqualTo(CloseCodes.INVALID_FRAME_PAYLOAD_DATA);
    }

    @Test
    void anUnmaskedClientFrameClosesWith1002() {
        EmbeddedChannel ch = relay();
        Wire.upgrade(ch);
        Wire.frame(ch, new TextWebSocketFrame("hi"), false); // RFC 6455 section 5.1: clients must mask
        assertThat(lastClose(ch).statusCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void aClientPingIsAnsweredWithAPongCarryingItsPayload() {
        EmbeddedChannel ch = relay();
        Wire.upgrade(ch);
        Wire.frame(ch, new PingWebSocketFrame(Unpooled.copiedBuffer("p-1", StandardCharsets.UTF_8)), true);
        List<WebSocketFrame> frames = Wire.frames(ch);
        assertThat(frames).singleElement().isInstanceOf(PongWebSocketFrame.class);
        assertThat(frames.get(0).content().toString(StandardCharsets.UTF_8)).isEqualTo("p-1");
    }

    @Test
    void aClientCloseIsEchoedWithItsCodeAndTheConnectionEndsWithIt() {
        EmbeddedChannel ch = relay();
        Wire.upgrade(ch);
        RelayConnection connection = ch.attr(RelayConnection.KEY).get();
        Wire.frame(ch, new CloseWebSocketFrame(4000, "bye"), true);
        CloseWebSocketFrame echo = lastClose(ch);
        assertThat(echo.statusCode()).isEqualTo(4000);
        assertThat(ch.isOpen()).isFalse();
        assertThat(connection.state()).isEqualTo(new ConnectionState.Closed(4000, "bye"));
        assertThat(wiring.context.registry().size()).isZero();
    }

    @Test
    void aCloseWithoutStatusIsRecordedAs1005() {
        EmbeddedChannel ch = relay();
        Wire.upgrade(ch);
        RelayConnection connection = ch.attr(RelayConnection.KEY).get();
        Wire.frame(ch, new CloseWebSocketFrame(), true);
        assertThat(ch.isOpen()).isFalse();
        assertThat(connection.state()).isEqualTo(new ConnectionState.Closed(CloseCodes.NO_STATUS_RECEIVED, ""));
    }

    @Test
    void aDroppedTcpConnectionIsRecordedAs1006() {
        EmbeddedChannel ch = relay();
        Wire.upgrade(ch);
        RelayConnection connection = ch.attr(RelayConnection.KEY).get();
        ch.close();
        assertThat(connection.state())
                .isEqualTo(new ConnectionState.Closed(CloseCodes.ABNORMAL_CLOSURE, "connection lost"));
        assertThat(wiring.metrics.closedCount(CloseCodes.ABNORMAL_CLOSURE)).isEqualTo(1);
    }

    @Test
    void compatibilityModeServesCallbacksOnThePublicListener() {
        EmbeddedChannel ch = relay(b -> b.compatPublicCallbacks(true));
        Wire.request(ch, "POST /socket/nobody/disconnect HTTP/1.1\r\nHost: relay\r\n", new byte[0]);
        FullHttpResponse response = Wire.response(ch);
        assertThat(response.status().code())
                .as("reaches the callback handler: unsigned")
                .isEqualTo(401);
    }
}
