package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.protocol.CloseCodes;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * WebSocket keepalive (RFC 6455 section 5.5.2-5.5.3): once the handshake completes, sends a ping
 * every {@code pingInterval}; when nothing at all (pong or any frame) has arrived within
 * {@code pongTimeout} of a ping, closes with 1001 "keepalive timeout" (the disconnect notice
 * follows). Pongs stop here. Client pings are answered by Netty's protocol handler before this.
 */
final class KeepaliveHandler extends ChannelDuplexHandler {
    private final long intervalNanos;
    private final long timeoutNanos;
    private long lastReadNanos;
    private long pingSentNanos;
    private @Nullable ScheduledFuture<?> task;

    KeepaliveHandler(Duration pingInterval, Duration pongTimeout) {
        this.intervalNanos = pingInterval.toNanos();
        this.timeoutNanos = pongTimeout.toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        if (msg instanceof PongWebSocketFrame) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete && intervalNanos > 0) {
            lastReadNanos = System.nanoTime();
            schedule(ctx, intervalNanos);
        }
        super.userEventTriggered(ctx, evt);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        task = ctx.executor().schedule(() -> tick(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (pingSentNanos != 0 && lastReadNanos - pingSentNanos < 0 && now - pingSentNanos >= timeoutNanos) {
            Closer.close(ctx.channel(), CloseCodes.GOING_AWAY, "keepalive timeout");
            return;
        }
        if (pingSentNanos == 0 || lastReadNanos - pingSentNanos >= 0) {
            pingSentNanos = now;
            ctx.writeAndFlush(new PingWebSocketFrame());
            schedule(ctx, Math.min(intervalNanos, timeoutNanos));
        } else {
            // ping outstanding: check again when its timeout expires
            schedule(ctx, Math.max(1, pingSentNanos + timeoutNanos - now));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (task != null) {
            task.cancel(false);
        }
        super.channelInactive(ctx);
    }
}
