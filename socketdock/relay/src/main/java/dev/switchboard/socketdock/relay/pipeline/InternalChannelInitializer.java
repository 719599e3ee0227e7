package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.relay.RelayContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The internal listener's pipeline (reachable by backends only), top to bottom: HTTP/1.1 codec;
 * {@link CallbackBodyLimit} (413 over the callback body limit); {@link CallbackHandler}
 * ({@code /socket/{id}/send|disconnect}); {@link HealthHandler} ({@code /health/live|ready});
 * {@link MetricsHandler} ({@code /metrics}); {@link NotFoundHandler}.
 */
public final class InternalChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final RelayContext context;
    private final CallbackHandler callbacks;
    private final HealthHandler health;
    private final MetricsHandler metrics;
    private final NotFoundHandler notFound = new NotFoundHandler();

    /** @param context the relay instance's shared state */
    public InternalChannelInitializer(RelayContext context) {
        this.context = context;
        this.callbacks = new CallbackHandler(context);
        this.health = new HealthHandler(context);
        this.metrics = new MetricsHandler(context.metrics());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        addHandlers(ch.pipeline());
    }

    /** Adds the handlers listed on the class to {@code p} (any channel: unit tests use an EmbeddedChannel). */
    void addHandlers(ChannelPipeline p) {
        p.addLast("http", new HttpServerCodec());
        p.addLast("aggregator", new CallbackBodyLimit(context.config().maxCallbackBody(), context.metrics()));
        p.addLast("callbacks", callbacks);
        p.addLast("health", health);
        p.addLast("metrics", metrics);
        p.addLast("notFound", notFound);
    }
}
