package dev.switchboard.socketdock.bench;

import dev.switchboard.socketdock.relay.Transport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Echo throughput: {@code --connections} sockets each keep {@code --window} messages in flight
 * (frame -&gt; relay -&gt; backend POST -&gt; {@code send} callback -&gt; frame back). After
 * {@code --warmup-seconds}, counts echoes for {@code --seconds} and prints messages/s and latency
 * percentiles (p50, p90, p99, p99.9, max) of every echo in the measured interval.
 */
public final class EchoLoadClient {
    private static final int MAX_SAMPLES = 2_000_000;

    private EchoLoadClient() {}

    /** The flags (picocli). */
    static final class Args {
        @Option(names = "--target", defaultValue = "ws://127.0.0.1:8765/ws")
        URI target = URI.create("ws://127.0.0.1:8765/ws");

        @Option(names = "--source", defaultValue = "127.0.0.1")
        String source = "";

        @Option(names = "--connections", defaultValue = "100")
        int connections;

        @Option(names = "--window", defaultValue = "4")
        int window;

        @Option(names = "--warmup-seconds", defaultValue = "10")
        int warmup;

        @Option(names = "--seconds", defaultValue = "30")
        int seconds;

        @Option(names = "--message-bytes", defaultValue = "100")
        int size;
    }

    public static void main(String[] args) throws Exception {
        Args a = CommandLine.populateCommand(new Args(), args);
        URI target = a.target;
        int connections = a.connections;
        int window = a.window;
        int warmup = a.warmup;
        int seconds = a.seconds;
        int size = a.size;

        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        long[] samples = new long[MAX_SAMPLES];
        AtomicLong sampleCount = new AtomicLong();
        AtomicLong echoes = new AtomicLong();
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong measureTo = new AtomicLong(Long.MAX_VALUE);
        String padding = "x".repeat(Math.max(0, size - 20));
        CountDownLatch ready = new CountDownLatch(connections);

        BenchSocket sockets = new BenchSocket(
                group, transport, target, a.source, () -> new SimpleChannelInboundHandler<WebSocketFrame>() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                            ready.countDown();
                            for (int i = 0; i < window; i++) {
                                send(ctx);
                            }
                        }
                        super.userEventTriggered(ctx, evt);
                    }

                    private void send(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(new TextWebSocketFrame(System.nanoTime() + " " + padding));
                    }

                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                        if (!(frame instanceof TextWebSocketFrame text)) {
                            return;
                        }
                        long now = System.nanoTime();
                        String s = text.text();
                        long sent = Long.parseLong(s.substring(0, s.indexOf(' ')));
                        if (sent >= measureFrom.get() && now <= measureTo.get()) {
                            echoes.incrementAndGet();
                            long i = sampleCount.getAndIncrement();
                            if (i < MAX_SAMPLES) {
                                samples[(int) i] = now - sent;
                            }
                        }
                        send(ctx);
                    }
                });
        for (int i = 0; i < connections; i++) {
            sockets.connect().sync();
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
            System.out.println("FAILED: only " + (connections - ready.getCount()) + " sockets opened");
            System.exit(1);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        long from = System.nanoTime();
        measureTo.set(from + TimeUnit.SECONDS.toNanos(seconds));
        measureFrom.set(from);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) + 2000);
        long n = Math.min(sampleCount.get(), MAX_SAMPLES);
        long[] sorted = Arrays.copyOf(samples, (int) n);
        Arrays.sort(sorted);
        System.out.printf(
                "RESULT connections=%d window=%d message_bytes=%d seconds=%d echoes=%d msgs_per_s=%.0f "
                        + "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f%n",
                connections,
                window,
                size,
                seconds,
                echoes.get(),
                echoes.get() / (double) seconds,
                pct(sorted, 0.50),
                pct(sorted, 0.90),
                pct(sorted, 0.99),
                pct(sorted, 0.999),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
}
