package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.protocol.CallbackPaths;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.relay.RelayContext;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * First handler of the public listener: decides whether an HTTP request may become a WebSocket.
 * Passes upgrades to {@code /ws} and {@code /} on; refuses them with 503 while draining or at the
 * connection cap (reserving a place otherwise); in compatibility mode passes callback paths on to
 * the callback handler; answers everything else 404 (or 426 for a plain GET on a WebSocket path).
 * Removes itself once an upgrade goes through.
 */
@ChannelHandler.Sharable
final class UpgradeGate extends ChannelInboundHandlerAdapter {
    /** Set on a channel holding a connection-cap reservation. */
    static final AttributeKey<Boolean> RESERVED = AttributeKey.valueOf("socketdock.reserved");

    private final RelayContext context;

    UpgradeGate(RelayContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = HttpResponses.path(request.uri());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (context.config().compatPublicCallbacks() && path.startsWith(CallbackPaths.PREFIX)) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpResponse refusal = refusal(path, request);
        if (refusal != null) {
            ReferenceCountUtil.release(request);
            HttpResponses.send(ctx, keepAlive && refusal.status().code() != 503, refusal);
            return;
        }
        ctx.channel().attr(RESERVED).set(Boolean.TRUE);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(request);
    }

    /** The answer refusing this request, or null when it may upgrade (a place is then reserved). */
    private @Nullable FullHttpResponse refusal(String path, FullHttpRequest request) {
        if (!path.equals("/") && !path.equals("/ws")) {
            context.metrics().upgradeRejected("path");
            return HttpResponses.text(HttpResponseStatus.NOT_FOUND, "not found\n");
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            FullHttpResponse response =
                    HttpResponses.text(HttpResponseStatus.UPGRADE_REQUIRED, "WebSocket upgrade required\n");
            response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
            return response;
        }
        if (context.isDraining()) {
            return unavailable("draining", "relay is draining\n");
        }
        if (!context.registry().tryReserve()) {
            return unavailable("capacity", "relay is at its connection limit\n");
        }
        return null;
    }

    private FullHttpResponse unavailable(String reason, String body) {
        context.metrics().upgradeRejected(reason);
        FullHttpResponse response = HttpResponses.text(HttpResponseStatus.SERVICE_UNAVAILABLE, body);
        response.headers().set(HttpNames.RETRY_AFTER, "5");
        return response;
    }
}
