package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.relay.RelayContext;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * {@code GET /health/live}: 200 while the process runs. {@code GET /health/ready}: 200, or 503 once
 * a drain has begun (so load balancers stop sending new sockets). Other paths pass on.
 */
@ChannelHandler.Sharable
final class HealthHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final RelayContext context;

    HealthHandler(RelayContext context) {
        super(false);
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = HttpResponses.path(request.uri());
        if (!path.equals("/health/live") && !path.equals("/health/ready")) {
            ctx.fireChannelRead(request);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        request.release();
        if (path.equals("/health/live")) {
            HttpResponses.send(ctx, keepAlive, HttpResponses.text(HttpResponseStatus.OK, "live\n"));
        } else if (context.isDraining()) {
            HttpResponses.send(
                    ctx, keepAlive, HttpResponses.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "draining\n"));
        } else {
            HttpResponses.send(ctx, keepAlive, HttpResponses.text(HttpResponseStatus.OK, "ready\n"));
        }
    }
}
