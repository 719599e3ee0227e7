package dev.switchboard.socketdock.bench;

import dev.switchboard.socketdock.relay.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Opens {@code --count} WebSockets to {@code --target} from source address {@code --source}, at most
 * {@code --concurrency} handshakes at a time, holds them for {@code --hold-seconds} and pings every
 * socket once per {@code --ping-seconds} (spread evenly). Prints {@code open=N failed=N closed=N}
 * every 5 s, and {@code READY open=N} once all handshakes have finished.
 */
public final class ConnectionsClient {
    private ConnectionsClient() {}

    /** The flags (picocli). */
    static final class Args {
        @Option(names = "--target", defaultValue = "ws://127.0.0.1:8765/ws")
        URI target = URI.create("ws://127.0.0.1:8765/ws");

        @Option(names = "--source", defaultValue = "127.0.0.2")
        String source = "";

        @Option(names = "--count", defaultValue = "5000")
        int count;

        @Option(names = "--concurrency", defaultValue = "200")
        int concurrency;

        @Option(names = "--hold-seconds", defaultValue = "120")
        int holdSeconds;

        @Option(names = "--ping-seconds", defaultValue = "60")
        int pingSeconds;
    }

    public static void main(String[] args) throws Exception {
        Args a = CommandLine.populateCommand(new Args(), args);
        URI target = a.target;
        String source = a.source;
        int count = a.count;
        int concurrency = a.concurrency;
        int holdSeconds = a.holdSeconds;
        int pingSeconds = a.pingSeconds;

        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger pongs = new AtomicInteger();
        List<Channel> channels = new CopyOnWriteArrayList<>();
        Semaphore inFlight = new Semaphore(concurrency);
        BenchSocket sockets =
                new BenchSocket(group, transport, target, source, () -> new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                            open.incrementAndGet();
                            channels.add(ctx.channel());
                            inFlight.release();
                        } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                            failed.incrementAndGet();
                            inFlight.release();
                        }
                        super.userEventTriggered(ctx, evt);
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        pongs.incrementAndGet();
                        ReferenceCountUtil.release(msg);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        if (channels.remove(ctx.channel())) {
                            open.decrementAndGet();
                            closed.incrementAndGet();
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                });

        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            sockets.connect().addListener(f -> {
                if (!f.isSuccess()) {
                    failed.incrementAndGet();
                    inFlight.release();
                }
            });
        }
        inFlight.acquire(concurrency);
        System.out.printf(
                "READY source=%s open=%d failed=%d seconds=%.1f%n",
                source, open.get(), failed.get(), (System.nanoTime() - start) / 1e9);

        long pingEveryNanos = TimeUnit.SECONDS.toNanos(pingSeconds) / Math.max(1, channels.size());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
        long nextReport = System.nanoTime();
        int next = 0;
        while (System.nanoTime() < end) {
            if (!channels.isEmpty()) {
                Channel ch = channels.get(next++ % channels.size());
                ch.writeAndFlush(new PingWebSocketFrame());
            }
            if (System.nanoTime() >= nextReport) {
                System.out.printf(
                        "source=%s open=%d failed=%d closed=%d frames_received=%d%n",
                        source, open.get(), failed.get(), closed.get(), pongs.get());
                nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(pingEveryNanos, 100_000));
        }
        System.out.printf(
                "DONE source=%s open=%d failed=%d closed=%d%n", source, open.get(), failed.get(), closed.get());
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    }
}
