package dev.switchboard.socketdock.relay.pipeline;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

/**
 * Turns a frame the decoder or the UTF-8 validator refused (too big: 1009, bad UTF-8: 1007, broken
 * framing: 1002) into a graceful close with that code: the close frame is written and the socket is
 * closed once the client answers it (or after a short grace), while the decoder discards the rest of
 * the bad frame. Closing at once instead would leave unread bytes in the kernel and reset the
 * connection, and the client might never see the close code. Sits between the frame validator and
 * Netty's protocol handler, which would otherwise close the channel on any exception.
 */
@ChannelHandler.Sharable
final class FrameErrorHandler extends ChannelInboundHandlerAdapter {
    static final FrameErrorHandler INSTANCE = new FrameErrorHandler();

    private FrameErrorHandler() {}

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            Closer.close(
                    ctx.channel(),
                    corrupted.closeStatus().code(),
                    corrupted.closeStatus().reasonText());
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
