package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.protocol.CloseCodes;
import dev.switchboard.socketdock.protocol.Frame;
import dev.switchboard.socketdock.relay.Ids;
import dev.switchboard.socketdock.relay.RelayContext;
import dev.switchboard.socketdock.relay.connection.RelayConnection;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of the public pipeline: turns a completed handshake into a
 * {@link RelayConnection}, hands it each whole data frame (to be POSTed in order), answers close
 * frames, maps a too-long fragmented message to 1009 and, when the TCP connection ends, has the connection send its disconnect notice.
 */
final class WebSocketRelayHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRelayHandler.class);

    private final RelayContext context;
    private @Nullable RelayConnection connection;

    WebSocketRelayHandler(RelayContext context) {
        this.context = context;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
            AdmissionHandler.settled(ctx.channel());
            connection = new RelayConnection(Ids.newConnectionId(), ctx.channel(), context);
            connection.open(lowerCased(handshake.requestHeaders()));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            RelayConnection c = connection;
            if (c == null) {
                return;
            }
            if (msg instanceof TextWebSocketFrame text) {
                int n = text.content().readableBytes();
                context.metrics().frameIn(true, n);
                c.onFrame(Frame.TEXT, ByteBufUtil.getBytes(text.content()));
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                int n = binary.content().readableBytes();
                context.metrics().frameIn(false, n);
                c.onFrame(Frame.BINARY, ByteBufUtil.getBytes(binary.content()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                c.onClientClose(close.statusCode(), close.reasonText());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        RelayConnection c = connection;
        if (cause instanceof TooLongFrameException) {
            Closer.close(ctx.channel(), CloseCodes.MESSAGE_TOO_BIG, "frame too big");
        } else if (cause instanceof IOException) {
            LOG.atDebug()
                    .setMessage("socket I/O error")
                    .addKeyValue("event", "io_error")
                    .addKeyValue("connection_id", c == null ? "-" : c.id())
                    .addKeyValue("cause", cause.toString())
                    .log();
            ctx.close();
        } else {
            LOG.atWarn()
                    .setMessage("unexpected error: closing 1011")
                    .addKeyValue("event", "unexpected_error")
                    .addKeyValue("connection_id", c == null ? "-" : c.id())
                    .setCause(cause)
                    .log();
            Closer.close(ctx.channel(), CloseCodes.INTERNAL_ERROR, "internal error");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            connection.onInactive();
        }
        super.channelInactive(ctx);
    }

    private static Map<String, String> lowerCased(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            out.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
        }
        return out;
    }
}
