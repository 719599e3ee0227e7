package dev.switchboard.socketdock.relay.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client side of an {@link EmbeddedChannel} conversation, in bytes as they cross the wire: raw HTTP
 * requests in, HTTP responses decoded out; masked WebSocket frames in (RFC 6455 section 5.3), frames out.
 */
final class Wire {
    private Wire() {}

    /** A channel whose pipeline {@code init} fills, as the listener's initializer would. */
    static EmbeddedChannel channel(Consumer<ChannelPipeline> init) {
        return new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                init.accept(ch.pipeline());
            }
        });
    }

    static final String UPGRADE_HEADERS = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    /** Writes a raw HTTP/1.1 request: {@code head} is the request line and headers without the blank line. */
    static void request(EmbeddedChannel ch, String head, byte[] body) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeCharSequence(head + "Content-Length: " + body.length + "\r\n\r\n", StandardCharsets.US_ASCII);
        buf.writeBytes(body);
        ch.writeInbound(buf);
    }

    /** The HTTP responses written so far. */
    static List<FullHttpResponse> responses(EmbeddedChannel ch) {
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        for (Object out; (out = ch.readOutbound()) != null; ) {
            if (out instanceof ByteBuf) {
                decoder.writeInbound(out);
            } else {
                // Netty's WebSocket protocol handler writes a close frame on any channel close, even before a
                // handshake; a socket channel refuses that object, so no such bytes reach the client
                io.netty.util.ReferenceCountUtil.release(out);
            }
        }
        List<FullHttpResponse> responses = new ArrayList<>();
        for (Object in; (in = decoder.readInbound()) != null; ) {
            responses.add((FullHttpResponse) in);
        }
        return responses;
    }

    /** The single HTTP response written so far. */
    static FullHttpResponse response(EmbeddedChannel ch) {
        List<FullHttpResponse> all = responses(ch);
        if (all.size() != 1) {
            throw new AssertionError("expected one response, got " + all);
        }
        return all.get(0);
    }

    /** Upgrades {@code ch} on {@code /ws}; returns the 101 response. */
    static FullHttpResponse upgrade(EmbeddedChannel ch) {
        request(ch, "GET /ws HTTP/1.1\r\nHost: relay\r\n" + UPGRADE_HEADERS, new byte[0]);
        return response(ch);
    }

    /** Writes a client frame, masked as a client must unless {@code masked} is false. */
    static void frame(EmbeddedChannel ch, WebSocketFrame frame, boolean masked) {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(masked));
        encoder.writeOutbound(frame);
        for (Object out; (out = encoder.readOutbound()) != null; ) {
            ch.writeInbound(out);
        }
    }

    /** The WebSocket frames the server has written so far. */
    static List<WebSocketFrame> frames(EmbeddedChannel ch) {
        EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false)
                .maxFramePayloadLength(1 << 20)
                .build()));
        for (Object out; (out = ch.readOutbound()) != null; ) {
            decoder.writeInbound(out);
        }
        List<WebSocketFrame> frames = new ArrayList<>();
        for (Object in; (in = decoder.readInbound()) != null; ) {
            frames.add((WebSocketFrame) in);
        }
        return frames;
    }

    static String body(FullHttpResponse response) {
        return response.content().toString(StandardCharsets.UTF_8);
    }
}
