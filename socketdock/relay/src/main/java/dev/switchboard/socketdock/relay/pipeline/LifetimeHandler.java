package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.protocol.CloseCodes;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Idle timeout and maximum lifetime, each off when zero (only added to the pipeline when one is on).
 * Closes with 1001 "idle timeout" after {@code idleTimeout} without a data frame in either direction
 * (pings and pongs do not count), and with 1001 "max lifetime" once the socket is
 * {@code maxLifetime} old.
 */
final class LifetimeHandler extends ChannelDuplexHandler {
    private final long idleNanos;
    private final long lifetimeNanos;
    private long lastDataNanos;
    private @Nullable ScheduledFuture<?> idleTask;
    private @Nullable ScheduledFuture<?> lifetimeTask;

    LifetimeHandler(Duration idleTimeout, Duration maxLifetime) {
        this.idleNanos = idleTimeout.toNanos();
        this.lifetimeNanos = maxLifetime.toNanos();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            lastDataNanos = System.nanoTime();
            if (idleNanos > 0) {
                idleTask = ctx.executor().schedule(() -> checkIdle(ctx), idleNanos, TimeUnit.NANOSECONDS);
            }
            if (lifetimeNanos > 0) {
                lifetimeTask = ctx.executor()
                        .schedule(
                                () -> Closer.close(ctx.channel(), CloseCodes.GOING_AWAY, "max lifetime"),
                                lifetimeNanos,
                                TimeUnit.NANOSECONDS);
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            lastDataNanos = System.nanoTime();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            lastDataNanos = System.nanoTime();
        }
        ctx.write(msg, promise);
    }

    private void checkIdle(ChannelHandlerContext ctx) {
        long idleFor = System.nanoTime() - lastDataNanos;
        if (idleFor >= idleNanos) {
            Closer.close(ctx.channel(), CloseCodes.GOING_AWAY, "idle timeout");
        } else if (ctx.channel().isActive()) {
            idleTask = ctx.executor().schedule(() -> checkIdle(ctx), idleNanos - idleFor, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (idleTask != null) {
            idleTask.cancel(false);
        }
        if (lifetimeTask != null) {
            lifetimeTask.cancel(false);
        }
        super.channelInactive(ctx);
    }
}
