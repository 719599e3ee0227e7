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
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an HTTP request on the public listener may become a WebSocket. Passes upgrades to
 * {@code /ws} and {@code /} on; refuses them with 503 and {@code Retry-After} while draining or when
 * {@link AdmissionHandler} refused the connection (connection cap, per-address limits); in compatibility mode
 * passes callback paths on to the callback handler; answers everything else 404 (or 426 for a plain GET on a
 * WebSocket path). Removes itself once an upgrade goes through.
 */
@ChannelHandler.Sharable
final class UpgradeGate extends ChannelInboundHandlerAdapter {
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
            AdmissionHandler.settled(ctx.channel());
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpResponse refusal = refusal(
                path, request, ctx.channel().attr(AdmissionHandler.REFUSED).get());
        if (refusal != null) {
            ReferenceCountUtil.release(request);
            HttpResponses.send(ctx, keepAlive && refusal.status().code() != 503, refusal);
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(request);
    }

    /**
     * The answer refusing this request, or null when it may upgrade.
     *
     * @param refused why {@link AdmissionHandler} refused the connection, or null when it admitted it
     */
    private @Nullable FullHttpResponse refusal(String path, FullHttpRequest request, @Nullable String refused) {
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
        if (refused != null) {
            return unavailable(
                    refused,
                    refused.equals("capacity")
                            ? "relay is at its connection limit\n"
                            : "too many connections from your address\n");
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
