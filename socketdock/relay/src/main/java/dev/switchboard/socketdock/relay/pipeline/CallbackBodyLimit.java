package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.relay.metrics.RelayMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Aggregates request bodies up to the callback body limit. Netty's aggregator answers a larger
 * body with 413 Request Entity Too Large (RFC 9110 section 15.5.14) without passing it on; this
 * subclass only counts those answers.
 */
final class CallbackBodyLimit extends HttpObjectAggregator {
    private final RelayMetrics metrics;

    CallbackBodyLimit(int maxCallbackBody, RelayMetrics metrics) {
        super(maxCallbackBody);
        this.metrics = metrics;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (oversized instanceof HttpRequest request) {
            String uri = request.uri();
            metrics.callback(
                    uri.endsWith("/send") ? "send" : uri.endsWith("/disconnect") ? "disconnect" : "unknown", 413);
        }
        super.handleOversizedMessage(ctx, oversized);
    }
}
