package dev.switchboard.socketdock.relay.pipeline;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/** Last handler of the internal listener: 404 for any request nobody took. */
@ChannelHandler.Sharable
final class NotFoundHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpResponses.send(
                ctx, HttpUtil.isKeepAlive(request), HttpResponses.text(HttpResponseStatus.NOT_FOUND, "not found\n"));
    }
}
