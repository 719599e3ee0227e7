package dev.switchboard.socketdock.echo;

import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import dev.switchboard.socketdock.relay.Transport;
import dev.switchboard.socketdock.relay.backend.BackendClient;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The echo backend, on Netty (so that benchmarks measure the relay, not the backend). Paths (the
 * mediator's): {@code POST /socketdock/connect}, {@code /message}, {@code /disconnect},
 * {@code /heartbeat}; all answer 204 (401 for a bad token, 400 for a body that is not SocketDock
 * JSON, 404 for other paths). Each message is sent back through its {@code send} callback with the
 * relay's own pooled {@link BackendClient} before its POST is answered, so echoes keep each
 * socket's order. Run: {@code java -cp ... dev.switchboard.socketdock.echo.EchoBackend
 * --port 8080 --secret ...} (or {@code SOCKETDOCK_SECRET}; {@code --insecure-no-auth} to run
 * without tokens).
 */
public final class EchoBackend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EchoBackend.class);
    private static final int MAX_BODY = 8 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel server;
    private final BackendClient client;
    private final EchoHandler handler;

    private EchoBackend(EventLoopGroup group, Channel server, BackendClient client, EchoHandler handler) {
        this.group = group;
        this.server = server;
        this.client = client;
        this.handler = handler;
    }

    /**
     * Starts an echo backend.
     *
     * @param bind address to listen on
     * @param port port, 0 for any
     * @param secret the shared secret, or null to run without tokens
     */
    public static EchoBackend start(String bind, int port, @Nullable SharedSecret secret) throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(2);
        BackendClient client =
                new BackendClient(group, transport.clientChannel(), Duration.ofSeconds(2), Duration.ofSeconds(10), 64);
        EchoHandler handler = secret == null
                ? new EchoHandler(RequestVerifier.insecureAcceptAll(), RequestSigner.none(), client)
                : new EchoHandler(RequestVerifier.hs256(secret), RequestSigner.hs256(secret), client);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(handler);
                    }
                })
                .bind(bind, port)
                .sync()
                .channel();
        return new EchoBackend(group, server, client, handler);
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Messages echoed so far (callbacks answered 2xx). */
    public long echoed() {
        return handler.echoed();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        client.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** The flags (picocli). */
    static final class Args {
        @Option(names = "--bind", defaultValue = "127.0.0.1")
        String bind = "";

        @Option(names = "--port", defaultValue = "8080")
        int port;

        @Option(names = "--secret", defaultValue = "${env:SOCKETDOCK_SECRET}")
        @Nullable
        String secret;

        @Option(names = "--insecure-no-auth")
        boolean insecure;
    }

    /** {@code --bind 127.0.0.1 --port 8080 [--secret S | --insecure-no-auth]}; the secret also from {@code SOCKETDOCK_SECRET}. */
    public static void main(String[] args) throws InterruptedException {
        Args a;
        try {
            a = CommandLine.populateCommand(new Args(), args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("echo-backend: " + e.getMessage()
                    + " (expected: --bind ADDR --port PORT --secret S | --insecure-no-auth)");
            System.exit(2);
            return;
        }
        String bind = a.bind;
        int port = a.port;
        String secret = a.secret;
        boolean insecure = a.insecure;
        if ((secret == null || secret.isEmpty()) && !insecure) {
            System.err.println("echo-backend: --secret (or SOCKETDOCK_SECRET) required, or --insecure-no-auth");
            System.exit(2);
        }
        EchoBackend backend = start(bind, port, insecure ? null : SharedSecret.ofUtf8(secret));
        LOG.info("event=started port={} auth={}", backend.port(), !insecure);
        Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "echo-stop"));
        Thread.currentThread().join();
    }
}
