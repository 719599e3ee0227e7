package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.relay.metrics.RelayMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the Prometheus text exposition (format 0.0.4). Other paths pass on. */
@ChannelHandler.Sharable
final class MetricsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final RelayMetrics metrics;

    MetricsHandler(RelayMetrics metrics) {
        super(false);
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!HttpResponses.path(request.uri()).equals("/metrics")) {
            ctx.fireChannelRead(request);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        request.release();
        HttpResponses.send(
                ctx,
                keepAlive,
                HttpResponses.response(
                        HttpResponseStatus.OK,
                        CONTENT_TYPE,
                        Unpooled.copiedBuffer(metrics.scrape(), StandardCharsets.UTF_8)));
    }
}
