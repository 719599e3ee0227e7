package dev.switchboard.socketdock.relay.support;

import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import dev.switchboard.socketdock.relay.RelayConfig;
import dev.switchboard.socketdock.relay.RelayConfigBuilder;
import dev.switchboard.socketdock.relay.RelayContext;
import dev.switchboard.socketdock.relay.backend.BackendClient;
import dev.switchboard.socketdock.relay.backend.BackendDispatcher;
import dev.switchboard.socketdock.relay.connection.AddressLimits;
import dev.switchboard.socketdock.relay.connection.ConnectionRegistry;
import dev.switchboard.socketdock.relay.metrics.RelayMetrics;
import dev.switchboard.socketdock.relay.tracing.FrameTracing;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The relay's parts wired as {@code Relay.start} wires them, without listeners: a one-thread NIO event
 * loop, a real {@link BackendClient} on loopback, the dispatcher, the registry and a {@link RelayContext}
 * for handlers under test in an {@code EmbeddedChannel}.
 */
public final class Wiring implements AutoCloseable {
    public static final SharedSecret SECRET = RelayFixture.SECRET;

    public final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    public final RelayMetrics metrics = new RelayMetrics();
    public final RelayConfig config;
    public final BackendClient client;
    public final BackendDispatcher dispatcher;
    public final RelayContext context;

    /** Wiring with test defaults (backend URIs on an unused loopback port), adjusted by {@code customize}. */
    public Wiring(Consumer<RelayConfigBuilder> customize) {
        RelayConfigBuilder builder = RelayConfig.builder()
                .bindIp("127.0.0.1")
                .bindPort(0)
                .internalPort(0)
                .messageUri(URI.create("http://127.0.0.1:9/message"))
                .secret(SECRET)
                .instanceId("relay-unit")
                .backendTimeout(Duration.ofSeconds(5))
                .eventLoopThreads(1);
        customize.accept(builder);
        this.config = builder.build();
        this.client = new BackendClient(
                group,
                NioSocketChannel.class,
                config.backendConnectTimeout(),
                config.backendTimeout(),
                config.backendPoolSize(),
                config.backendPoolWait(),
                config.backendMaxPending());
        this.dispatcher = new BackendDispatcher(client, RequestSigner.hs256(SECRET), metrics, config.backendRetries());
        this.context = new RelayContext(
                config,
                "http://127.0.0.1:8766",
                new ConnectionRegistry(config.maxConnections()),
                new AddressLimits(
                        config.maxSocketsPerAddress(),
                        config.maxSocketRatePerAddress(),
                        config.addressTableSize(),
                        System::nanoTime),
                metrics,
                new FrameTracing(OpenTelemetry.noop()),
                dispatcher,
                RequestVerifier.hs256(SECRET),
                new AtomicBoolean(),
                Instant.now());
    }

    /** The event loop the parts under test run on. */
    public EventLoop loop() {
        return group.next();
    }

    /** Runs {@code task} on the event loop and returns its result. */
    public <T> T onLoop(Callable<T> task) throws Exception {
        return loop().submit(task).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
