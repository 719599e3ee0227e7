package dev.switchboard.socketdock.bench;

import dev.switchboard.socketdock.relay.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Supplier;

/** Opens Netty WebSocket client connections from a given source address. */
final class BenchSocket {
    private final Bootstrap bootstrap;
    private final URI target;
    private final InetSocketAddress source;

    BenchSocket(
            EventLoopGroup group, Transport transport, URI target, String sourceIp, Supplier<ChannelHandler> handler) {
        this.target = target;
        this.source = new InetSocketAddress(sourceIp, 0);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(8192))
                                .addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(target)
                                        .version(WebSocketVersion.V13)
                                        .customHeaders(new DefaultHttpHeaders())
                                        .maxFramePayloadLength(4 * 1024 * 1024)
                                        .handshakeTimeoutMillis(30_000)
                                        .dropPongFrames(false)
                                        .build()))
                                .addLast(handler.get());
                    }
                });
    }

    ChannelFuture connect() {
        int port = target.getPort() < 0 ? 80 : target.getPort();
        return bootstrap.connect(new InetSocketAddress(target.getHost(), port), source);
    }
}
