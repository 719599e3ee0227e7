package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.relay.RelayConfig;
import dev.switchboard.socketdock.relay.RelayContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The public listener's pipeline, top to bottom:
 *
 * <ol>
 *   <li>{@link AdmissionHandler}: connection cap and per-address limits as the connection is accepted, and the
 *       handshake timeout;
 *   <li>HTTP/1.1 codec and aggregator (upgrade requests; callbacks too in compatibility mode);
 *   <li>{@link UpgradeGate}: path, draining and admission checks (503);
 *   <li>{@link CallbackHandler}, only in compatibility mode (SocketDock serves callbacks here);
 *   <li>UTF-8 validation of text frames (1007 otherwise) and {@link FrameErrorHandler}: frames the
 *       codec or the validator refuse become a graceful close with their code (1009, 1007, 1002);
 *   <li>Netty's WebSocket protocol handler: RFC 6455 handshake, frame codec with the frame size limit
 *       (1009 beyond it), answers to pings;
 *   <li>frame aggregator: fragmented messages become one frame (1009 beyond the limit);
 *   <li>{@link KeepaliveHandler}: our pings and the pong timeout;
 *   <li>{@link LifetimeHandler}: idle timeout and maximum lifetime (only when one is on);
 *   <li>{@link WebSocketRelayHandler}: frames to the backend, the connection's lifecycle.
 * </ol>
 */
public final class RelayChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_UPGRADE_REQUEST_BYTES = 16 * 1024;

    private final RelayContext context;
    private final UpgradeGate gate;
    private final CallbackHandler callbacks;
    private final WebSocketServerProtocolConfig webSocketConfig;

    /** @param context the relay instance's shared state */
    public RelayChannelInitializer(RelayContext context) {
        this.context = context;
        this.gate = new UpgradeGate(context);
        this.callbacks = new CallbackHandler(context);
        RelayConfig config = context.config();
        this.webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/") // UpgradeGate admits only "/" and "/ws"
                .checkStartsWith(true)
                .handleCloseFrames(false)
                .dropPongFrames(false)
                .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxFrameSize())
                        .allowExtensions(false)
                        .closeOnProtocolViolation(false) // FrameErrorHandler closes gracefully
                        .withUTF8Validator(false) // added below, ahead of FrameErrorHandler
                        .build())
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        addHandlers(ch.pipeline());
    }

    /** Adds the handlers listed on the class to {@code p} (any channel: unit tests use an EmbeddedChannel). */
    void addHandlers(ChannelPipeline p) {
        RelayConfig config = context.config();
        p.addLast(AdmissionHandler.NAME, new AdmissionHandler(context));
        p.addLast("http", new HttpServerCodec());
        if (config.compatPublicCallbacks()) {
            p.addLast("aggregator", new CallbackBodyLimit(config.maxCallbackBody(), context.metrics()));
            p.addLast("gate", gate);
            p.addLast("callbacks", callbacks);
        } else {
            p.addLast("aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES));
            p.addLast("gate", gate);
        }
        p.addLast("utf8", new Utf8FrameValidator(false));
        p.addLast("frameErrors", FrameErrorHandler.INSTANCE);
        p.addLast("websocket", new WebSocketServerProtocolHandler(webSocketConfig));
        p.addLast("fragments", new WebSocketFrameAggregator(config.maxFrameSize()));
        p.addLast("keepalive", new KeepaliveHandler(config.pingInterval(), config.pongTimeout()));
        if (!config.idleTimeout().isZero() || !config.maxLifetime().isZero()) {
            p.addLast("lifetime", new LifetimeHandler(config.idleTimeout(), config.maxLifetime()));
        }
        p.addLast("relay", new WebSocketRelayHandler(context));
    }
}
