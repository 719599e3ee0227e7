package dev.switchboard.socketdock.relay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.socketdock.protocol.CloseCodes;
import dev.switchboard.socketdock.relay.connection.ConnectionState;
import dev.switchboard.socketdock.relay.connection.RelayConnection;
import dev.switchboard.socketdock.relay.support.Wiring;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KeepaliveHandler} and {@link LifetimeHandler} alone in an {@link EmbeddedChannel} whose socket has
 * a {@link RelayConnection}: the channel's scheduled tasks run only when the test runs them, so each
 * assertion holds however slow the machine (the sleeps only make a deadline certainly past).
 */
class TimersTest {
    private final Wiring wiring = new Wiring(b -> {});

    @AfterEach
    void stop() {
        wiring.close();
    }

    private EmbeddedChannel socket(ChannelHandler handler) {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        RelayConnection connection = new RelayConnection("c1", ch, wiring.context);
        ch.attr(RelayConnection.KEY).set(connection);
        ch.pipeline()
                .fireUserEventTriggered(
                        new WebSocketServerProtocolHandler.HandshakeComplete("/ws", new DefaultHttpHeaders(), null));
        return ch;
    }

    private static void tick(EmbeddedChannel ch, long sleepMillis) throws InterruptedException {
        Thread.sleep(sleepMillis);
        ch.runScheduledPendingTasks();
    }

    private static CloseWebSocketFrame closeFrame(EmbeddedChannel ch) {
        for (Object out; (out = ch.readOutbound()) != null; ) {
            if (out instanceof CloseWebSocketFrame close) {
                return close;
            }
        }
        return null;
    }

    @Test
    void pingsEveryIntervalAndPongsStopHere() throws Exception {
        EmbeddedChannel ch = socket(new KeepaliveHandler(Duration.ofMillis(20), Duration.ofSeconds(30)));
        assertThat((Object) ch.readOutbound()).as("no ping before the interval").isNull();
        tick(ch, 40);
        assertThat((Object) ch.readOutbound()).isInstanceOf(PingWebSocketFrame.class);
        ch.writeInbound(new PongWebSocketFrame());
        assertThat((Object) ch.readInbound()).as("pongs are not relayed").isNull();
        tick(ch, 40);
        assertThat((Object) ch.readOutbound()).as("answered: the next ping").isInstanceOf(PingWebSocketFrame.class);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void anyFrameCountsAsAnAnswerAndIsPassedOn() throws Exception {
        EmbeddedChannel ch = socket(new KeepaliveHandler(Duration.ofMillis(20), Duration.ofSeconds(30)));
        tick(ch, 40);
        assertThat((Object) ch.readOutbound()).isInstanceOf(PingWebSocketFrame.class);
        ch.writeInbound(new TextWebSocketFrame("data"));
        assertThat(((TextWebSocketFrame) ch.readInbound()).text()).isEqualTo("data");
        tick(ch, 40);
        assertThat((Object) ch.readOutbound()).isInstanceOf(PingWebSocketFrame.class);
        assertThat(ch.attr(RelayConnection.KEY).get().state()).isNotInstanceOf(ConnectionState.Closed.class);
    }

    @Test
    void noAnswerWithinThePongTimeoutClosesWith1001() throws Exception {
        EmbeddedChannel ch = socket(new KeepaliveHandler(Duration.ofMillis(20), Duration.ofMillis(30)));
        tick(ch, 40);
        assertThat((Object) ch.readOutbound()).isInstanceOf(PingWebSocketFrame.class);
        tick(ch, 60);
        ch.runScheduledPendingTasks(); // the check rescheduled for the ping's deadline
        CloseWebSocketFrame close = closeFrame(ch);
        assertThat(close).isNotNull();
        assertThat(close.statusCode()).isEqualTo(CloseCodes.GOING_AWAY);
        assertThat(close.reasonText()).isEqualTo("keepalive timeout");
        assertThat(ch.attr(RelayConnection.KEY).get().state())
                .isEqualTo(new ConnectionState.Closed(1001, "keepalive timeout"));
    }

    @Test
    void aZeroIntervalNeverPings() throws Exception {
        EmbeddedChannel ch = socket(new KeepaliveHandler(Duration.ZERO, Duration.ofMillis(10)));
        tick(ch, 30);
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void idleWithoutDataFramesClosesWith1001AndPingsDoNotCount() throws Exception {
        EmbeddedChannel ch = socket(new LifetimeHandler(Duration.ofMillis(50), Duration.ZERO));
        ch.writeInbound(new PingWebSocketFrame());
        ch.readInbound();
        tick(ch, 80);
        CloseWebSocketFrame close = closeFrame(ch);
        assertThat(close).isNotNull();
        assertThat(close.statusCode()).isEqualTo(CloseCodes.GOING_AWAY);
        assertThat(close.reasonText()).isEqualTo("idle timeout");
    }

    @Test
    void aDataFrameEitherWayPostponesTheIdleTimeout() throws Exception {
        EmbeddedChannel ch = socket(new LifetimeHandler(Duration.ofSeconds(2), Duration.ZERO));
        Thread.sleep(1500);
        ch.writeOutbound(new TextWebSocketFrame("out"));
        ch.readOutbound();
        tick(ch, 700); // 2.2 s after the handshake, 0.7 s after the last data frame
        assertThat(closeFrame(ch)).isNull();
        assertThat(ch.attr(RelayConnection.KEY).get().state()).isNotInstanceOf(ConnectionState.Closed.class);
        tick(ch, 2100);
        assertThat(closeFrame(ch)).isNotNull();
    }

    @Test
    void theMaximumLifetimeClosesWith1001WhateverTheTraffic() throws Exception {
        EmbeddedChannel ch = socket(new LifetimeHandler(Duration.ZERO, Duration.ofMillis(40)));
        ch.writeInbound(new TextWebSocketFrame("busy"));
        ch.readInbound();
        tick(ch, 70);
        CloseWebSocketFrame close = closeFrame(ch);
        assertThat(close).isNotNull();
        assertThat(close.reasonText()).isEqualTo("max lifetime");
    }

    @Test
    void aClosedChannelCancelsItsTimers() throws Exception {
        EmbeddedChannel ch = socket(new LifetimeHandler(Duration.ofMillis(20), Duration.ofMillis(20)));
        ch.close();
        tick(ch, 40);
        assertThat(ch.attr(RelayConnection.KEY).get().state())
                .as("neither timer fired on the closed channel")
                .isInstanceOf(ConnectionState.Handshaking.class);
    }
}
