package dev.switchboard.socketdock.relay;

import dev.switchboard.socketdock.protocol.CloseCodes;
import dev.switchboard.socketdock.protocol.auth.ReplayCache;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.relay.backend.BackendClient;
import dev.switchboard.socketdock.relay.backend.BackendDispatcher;
import dev.switchboard.socketdock.relay.backend.HeartbeatPublisher;
import dev.switchboard.socketdock.relay.connection.AddressLimits;
import dev.switchboard.socketdock.relay.connection.ConnectionRegistry;
import dev.switchboard.socketdock.relay.connection.RelayConnection;
import dev.switchboard.socketdock.relay.metrics.RelayMetrics;
import dev.switchboard.socketdock.relay.pipeline.InternalChannelInitializer;
import dev.switchboard.socketdock.relay.pipeline.RelayChannelInitializer;
import dev.switchboard.socketdock.relay.tracing.FrameTracing;
import dev.switchboard.socketdock.relay.tracing.TracingSdk;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running relay instance: the public and internal listeners, the backend client and the
 * heartbeat, on one event loop group. {@link #start} binds; {@link #drainAndStop} performs the
 * graceful drain (readiness 503, upgrades refused, sockets closed with 1001 spread over the drain
 * window, disconnect notices sent) and releases everything.
 */
public final class Relay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final Duration DISPATCH_GRACE = Duration.ofSeconds(15);

    private final RelayContext context;
    private final EventLoopGroup group;
    private final BackendClient client;
    private final Channel publicChannel;
    private final Channel internalChannel;
    private final @Nullable HeartbeatPublisher heartbeat;
    private final @Nullable OpenTelemetrySdk tracingSdk;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    private Relay(
            RelayContext context,
            EventLoopGroup group,
            BackendClient client,
            Channel publicChannel,
            Channel internalChannel,
            @Nullable HeartbeatPublisher heartbeat,
            @Nullable OpenTelemetrySdk tracingSdk) {
        this.context = context;
        this.group = group;
        this.client = client;
        this.publicChannel = publicChannel;
        this.internalChannel = internalChannel;
        this.heartbeat = heartbeat;
        this.tracingSdk = tracingSdk;
    }

    /**
     * Binds both listeners and starts the heartbeat. Spans go over OTLP to {@link RelayConfig#otlpEndpoint()}
     * when it is set (an SDK of {@link TracingSdk}, closed with the relay), else to the globally registered
     * OpenTelemetry ({@link GlobalOpenTelemetry}: no-ops unless an SDK or the OpenTelemetry Java agent
     * registered one).
     *
     * @throws InterruptedException when interrupted while binding
     * @throws io.netty.channel.ChannelException when a port cannot be bound
     */
    public static Relay start(RelayConfig config) throws InterruptedException {
        if (config.otlpEndpoint() == null) {
            // isSet first: get() would try (and log that it declines) the SDK's autoconfiguration
            return start(config, GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : OpenTelemetry.noop());
        }
        OpenTelemetrySdk sdk = TracingSdk.start(config.otlpEndpoint());
        try {
            return start(config, sdk, sdk);
        } catch (InterruptedException | RuntimeException e) {
            sdk.close();
            throw e;
        }
    }

    /**
     * Binds both listeners and starts the heartbeat, with spans going to {@code openTelemetry}.
     *
     * @throws InterruptedException when interrupted while binding
     * @throws io.netty.channel.ChannelException when a port cannot be bound
     */
    public static Relay start(RelayConfig config, OpenTelemetry openTelemetry) throws InterruptedException {
        return start(config, openTelemetry, null);
    }

    private static Relay start(RelayConfig config, OpenTelemetry openTelemetry, @Nullable OpenTelemetrySdk owned)
            throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(config.eventLoopThreads());
        try {
            DeferredInitializer publicInit = new DeferredInitializer();
            DeferredInitializer internalInit = new DeferredInitializer();
            Channel publicChannel = serverBootstrap(group, transport, config, publicInit)
                    .bind(config.bindIp(), config.bindPort())
                    .sync()
                    .channel();
            Channel internalChannel = serverBootstrap(group, transport, config, internalInit)
                    .bind(config.internalIp(), config.internalPort())
                    .sync()
                    .channel();
            String endpoint = endpoint(config, publicChannel, internalChannel);

            RelayMetrics metrics = new RelayMetrics();
            ConnectionRegistry registry = new ConnectionRegistry(config.maxConnections());
            metrics.openConnectionsGauge(registry::size);
            AddressLimits addressLimits = new AddressLimits(
                    config.maxSocketsPerAddress(),
                    config.maxSocketRatePerAddress(),
                    config.addressTableSize(),
                    System::nanoTime);
            metrics.addressTableGauge(addressLimits::size);
            BackendClient client = new BackendClient(
                    group,
                    transport.clientChannel(),
                    config.backendConnectTimeout(),
                    config.backendTimeout(),
                    config.backendPoolSize(),
                    config.backendPoolWait(),
                    config.backendMaxPending());
            RequestSigner signer = signer(config);
            RequestVerifier verifier = verifier(config);
            BackendDispatcher dispatcher = new BackendDispatcher(client, signer, metrics, config.backendRetries());
            RelayContext context = new RelayContext(
                    config,
                    endpoint,
                    registry,
                    addressLimits,
                    metrics,
                    new FrameTracing(openTelemetry),
                    dispatcher,
                    verifier,
                    new AtomicBoolean(),
                    Instant.now());
            publicInit.delegate = new RelayChannelInitializer(context);
            internalInit.delegate = new InternalChannelInitializer(context);

            HeartbeatPublisher heartbeat = null;
            if (config.heartbeatUri() != null) {
                heartbeat = new HeartbeatPublisher(
                        dispatcher,
                        group.next(),
                        config.heartbeatUri(),
                        config.instanceId(),
                        endpoint,
                        context.startedAt(),
                        registry::size);
                heartbeat.start(config.heartbeatInterval());
            }
            if (config.insecureNoAuth()) {
                LOG.atWarn()
                        .setMessage("authentication is OFF: backend POSTs are unsigned and anyone who reaches the"
                                + " callback port can write to or close any socket")
                        .addKeyValue("event", "insecure_no_auth")
                        .log();
            }
            LOG.atInfo()
                    .setMessage("relay started")
                    .addKeyValue("event", "started")
                    .addKeyValue("instance_id", config.instanceId())
                    .addKeyValue("transport", transport.name())
                    .addKeyValue("public", publicChannel.localAddress())
                    .addKeyValue("internal", internalChannel.localAddress())
                    .addKeyValue("endpoint", endpoint)
                    .addKeyValue("message_uri", config.messageUri())
                    .addKeyValue("key_id", config.keyId() == null ? "-" : config.keyId())
                    .addKeyValue("otlp_endpoint", config.otlpEndpoint() == null ? "-" : config.otlpEndpoint())
                    .log();
            return new Relay(context, group, client, publicChannel, internalChannel, heartbeat, owned);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Signs backend POSTs: with the relay's own key under its kid when {@code --key-id} is set, else shared. */
    private static RequestSigner signer(RelayConfig config) {
        if (config.secret() == null) {
            return RequestSigner.none();
        }
        return config.keyId() == null
                ? RequestSigner.hs256(config.secret())
                : RequestSigner.hs256(config.secret(), config.keyId());
    }

    /**
     * Verifies callbacks: with a kid, only tokens under that kid and the relay's own secret (the mediator signs
     * callbacks to this instance that way), so a leaked shared secret cannot write to this relay.
     */
    private static RequestVerifier verifier(RelayConfig config) {
        if (config.secret() == null) {
            return RequestVerifier.insecureAcceptAll();
        }
        return config.keyId() == null
                ? RequestVerifier.hs256(config.secret())
                : RequestVerifier.builder()
                        .keyId(config.keyId(), config.secret())
                        .replayCache(ReplayCache.create())
                        .build();
    }

    private static ServerBootstrap serverBootstrap(
            EventLoopGroup group, Transport transport, RelayConfig config, ChannelHandler childHandler) {
        return new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeBufferLow(), config.writeBufferHigh()))
                .childHandler(childHandler);
    }

    private static String endpoint(RelayConfig config, Channel publicChannel, Channel internalChannel) {
        if (config.endpoint() != null) {
            String e = config.endpoint().toString();
            return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
        }
        InetSocketAddress address = (InetSocketAddress)
                (config.compatPublicCallbacks() ? publicChannel.localAddress() : internalChannel.localAddress());
        String host = address.getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + address.getPort();
    }

    /** The shared state (for tests and tools). */
    public RelayContext context() {
        return context;
    }

    /** The bound public port. */
    public int publicPort() {
        return ((InetSocketAddress) publicChannel.localAddress()).getPort();
    }

    /** The bound internal port. */
    public int internalPort() {
        return ((InetSocketAddress) internalChannel.localAddress()).getPort();
    }

    /**
     * Graceful drain, then stop: readiness turns 503 and new upgrades get 503 at once; open sockets
     * are closed with 1001 one after another, spread evenly over the drain window; the call returns
     * once every socket is closed and its disconnect notice answered (or after a grace period), with
     * everything released. Idempotent.
     */
    public void drainAndStop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        context.draining().set(true);
        Collection<RelayConnection> open = context.registry().snapshot();
        long windowNanos = context.config().drainWindow().toNanos();
        LOG.atInfo()
                .setMessage("drain started")
                .addKeyValue("event", "drain_started")
                .addKeyValue("connections", open.size())
                .addKeyValue("window_ms", windowNanos / 1_000_000)
                .log();
        int i = 0;
        int n = open.size();
        for (RelayConnection connection : open) {
            long delay = n <= 1 ? 0 : windowNanos * i / n;
            connection.channel().eventLoop().execute(connection::drain);
            connection
                    .channel()
                    .eventLoop()
                    .schedule(() -> connection.close(CloseCodes.GOING_AWAY, "going away"), delay, TimeUnit.NANOSECONDS);
            i++;
        }
        long deadline = System.nanoTime() + windowNanos + DISPATCH_GRACE.toNanos();
        while (System.nanoTime() < deadline
                && (context.registry().size() > 0 || context.metrics().dispatchDepth() > 0)) {
            sleep(20);
        }
        LOG.atInfo()
                .setMessage("drain finished")
                .addKeyValue("event", "drain_finished")
                .addKeyValue("remaining", context.registry().size())
                .log();
        stopNow();
    }

    /** Stops at once without draining (tests); a no-op after {@link #drainAndStop}. */
    @Override
    public void close() {
        stopped.set(true);
        stopNow();
    }

    private void stopNow() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        if (heartbeat != null) {
            heartbeat.close();
        }
        publicChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        internalChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        client.close(); // before the group: see BackendClient#close
        if (tracingSdk != null) {
            tracingSdk.close(); // flushes the spans still batched
        }
        if (!group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            LOG.atWarn()
                    .setMessage("event loops did not stop within 10 s")
                    .addKeyValue("event", "shutdown_timeout")
                    .log();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forwards to an initializer set after the ports are bound (the endpoint may depend on them). */
    @ChannelHandler.Sharable
    private static final class DeferredInitializer extends ChannelInitializer<SocketChannel> {
        volatile @Nullable ChannelInitializer<SocketChannel> delegate;

        @Override
        protected void initChannel(SocketChannel ch) {
            ChannelInitializer<SocketChannel> d = delegate;
            if (d == null) {
                ch.close(); // accepted in the instant between bind and start-up
                return;
            }
            ch.pipeline().addLast(d);
        }
    }
}
