package dev.switchboard.socketdock.relay.connection;

import dev.switchboard.socketdock.protocol.CallbackPaths;
import dev.switchboard.socketdock.protocol.CloseCodes;
import dev.switchboard.socketdock.protocol.ConnectEvent;
import dev.switchboard.socketdock.protocol.DisconnectEvent;
import dev.switchboard.socketdock.protocol.Frame;
import dev.switchboard.socketdock.protocol.IdempotencyKey;
import dev.switchboard.socketdock.protocol.MessageEvent;
import dev.switchboard.socketdock.protocol.Meta;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.relay.RelayContext;
import dev.switchboard.socketdock.relay.backend.DispatchQueue;
import dev.switchboard.socketdock.relay.backend.Outcome;
import dev.switchboard.socketdock.relay.tracing.FrameTracing;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relayed WebSocket: its id, callback URIs, lifecycle state, message sequence and backend
 * dispatch queue. Reachable from its channel through {@link #KEY}. All methods except
 * {@link #write} and {@link #state()} must run on the channel's event loop.
 */
public final class RelayConnection {
    /** The channel attribute holding a socket's connection once its handshake completed. */
    public static final AttributeKey<RelayConnection> KEY = AttributeKey.valueOf("socketdock.connection");

    private static final Logger LOG = LoggerFactory.getLogger(RelayConnection.class);
    private static final long CLOSE_GRACE_MS = 1000;

    private final String id;
    private final Channel channel;
    private final RelayContext context;
    private final DispatchQueue queue;
    private volatile ConnectionState state = new ConnectionState.Handshaking();
    private long seq;

    /** A socket in {@link ConnectionState.Handshaking}. */
    public RelayConnection(String id, Channel channel, RelayContext context) {
        this.id = id;
        this.channel = channel;
        this.context = context;
        this.queue = new DispatchQueue(
                channel.eventLoop(),
                context.dispatcher(),
                context.metrics(),
                context.config().dispatchQueueSize(),
                context.config().dispatchQueueBytes());
    }

    /** The connection id. */
    public String id() {
        return id;
    }

    /** The socket's channel. */
    public Channel channel() {
        return channel;
    }

    /** The current state (readable from any thread). */
    public ConnectionState state() {
        return state;
    }

    /** Backend events waiting or in flight. */
    public int dispatchDepth() {
        return queue.depth();
    }

    /**
     * The handshake completed: registers the socket and sends the connect event (when a connect
     * URI is configured; frames wait behind it, and a non-2xx answer closes with 1008).
     *
     * @param headers the upgrade request's headers, names lower-cased
     */
    public void open(Map<String, String> headers) {
        if (!(state instanceof ConnectionState.Handshaking handshaking)) {
            return;
        }
        state = handshaking.toOpen(System.nanoTime());
        channel.attr(KEY).set(this);
        context.registry().add(this);
        context.metrics().connectionOpened();
        LOG.atDebug()
                .setMessage("socket open")
                .addKeyValue("event", "open")
                .addKeyValue("connection_id", id)
                .addKeyValue("remote", channel.remoteAddress())
                .log();
        URI connectUri = context.config().connectUri();
        if (connectUri != null) {
            byte[] body = SocketDockJson.write(new ConnectEvent(meta().withHeaders(headers)));
            queue.offerAlways(new DispatchQueue.Item(
                    "connect", connectUri, body, RequestBinding.connection(id), this::onConnectOutcome));
        }
    }

    /** A data frame from the client: POSTed to the message URI in order, or close 1013 when the queue is full. */
    public void onFrame(Frame frame, byte[] payload) {
        if (!state.writable()) {
            return;
        }
        long n = ++seq;
        Span span = context.tracing().frameIn(id, n, frame == Frame.TEXT, payload.length);
        byte[] body = SocketDockJson.write(MessageEvent.of(meta(), n, frame, payload));
        String key = IdempotencyKey.of(context.config().instanceId(), id, n);
        boolean queued = queue.offer(new DispatchQueue.Item(
                "message",
                context.config().messageUri(),
                body,
                new RequestBinding(key, id),
                context.tracing().headers(span),
                outcome -> {
                    FrameTracing.end(span, outcome.status(), outcome.detail());
                    onMessageOutcome(outcome);
                }));
        if (!queued) {
            FrameTracing.end(span, 0, "dispatch queue full");
            context.metrics().dispatchOverflow();
            LOG.atWarn()
                    .setMessage("dispatch queue full: closing 1013")
                    .addKeyValue("event", "dispatch_queue_full")
                    .addKeyValue("connection_id", id)
                    .addKeyValue("seq", n)
                    .log();
            close(CloseCodes.TRY_AGAIN_LATER, "backend overloaded");
        }
    }

    /** The relay is draining: the socket keeps relaying until {@link #close} with 1001. */
    public void drain() {
        if (state instanceof ConnectionState.Open open) {
            state = open.toDraining();
        }
    }

    /**
     * Closes the socket from our side: records the code and writes the close frame (RFC 6455 section
     * 5.5.1); the TCP connection is closed when the client answers with its close frame
     * ({@link #onClientClose}), or after a grace of one second.
     */
    public void close(int code, String reason) {
        if (state instanceof ConnectionState.Closed) {
            return;
        }
        state = state.toClosed(code, reason);
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** The client sent a close frame: answers it with the same code and closes (RFC 6455 section 5.5.1). */
    public void onClientClose(int code, String reason) {
        if (state instanceof ConnectionState.Closed) {
            channel.close();
            return;
        }
        int recorded = code < 0 ? CloseCodes.NO_STATUS_RECEIVED : code;
        state = state.toClosed(recorded, reason);
        CloseWebSocketFrame answer = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, reason);
        channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    /** The TCP connection ended: unregisters the socket and sends the disconnect notice. */
    public void onInactive() {
        state = state.toClosed(CloseCodes.ABNORMAL_CLOSURE, "connection lost");
        ConnectionState.Closed closed = (ConnectionState.Closed) state;
        LOG.atDebug()
                .setMessage("socket closed")
                .addKeyValue("event", "close")
                .addKeyValue("connection_id", id)
                .addKeyValue("code", closed.code())
                .log();
        URI disconnectUri = context.config().disconnectUri();
        if (disconnectUri != null) {
            // enqueued before the socket leaves the registry, so a drain waiting for both sees it
            byte[] body = SocketDockJson.write(new DisconnectEvent(id, meta(), closed.code(), closed.reason()));
            queue.offerAlways(new DispatchQueue.Item(
                    "disconnect", disconnectUri, body, RequestBinding.connection(id), outcome -> {
                        if (!outcome.delivered()) {
                            LOG.atWarn()
                                    .setMessage("disconnect notice failed")
                                    .addKeyValue("event", "disconnect_notice_failed")
                                    .addKeyValue("connection_id", id)
                                    .addKeyValue("status", outcome.status())
                                    .addKeyValue("cause", outcome.detail())
                                    .log();
                        }
                    }));
        }
        context.registry().remove(this);
        context.metrics().connectionClosed(closed.code());
    }

    /**
     * Writes a frame from a {@code send} callback (any thread). The frame is released on failure.
     *
     * @return the write's future
     */
    public ChannelFuture write(WebSocketFrame frame) {
        return channel.writeAndFlush(frame);
    }

    /** Whether the socket accepts callback frames now: open or draining, and not over its high-water mark. */
    public boolean acceptsFrames() {
        return state.writable() && channel.isActive();
    }

    /** Built per event rather than kept: an idle socket then holds no callback URIs (heap per socket). */
    private Meta meta() {
        String endpoint = context.endpoint();
        return Meta.of(id, CallbackPaths.sendUri(endpoint, id), CallbackPaths.disconnectUri(endpoint, id))
                .withInstanceId(context.config().instanceId());
    }

    private void onConnectOutcome(Outcome outcome) {
        if (outcome.delivered()) {
            return;
        }
        queue.drop("message");
        if (outcome.kind() == Outcome.Kind.REJECTED) {
            LOG.atInfo()
                    .setMessage("connect rejected by the backend: closing 1008")
                    .addKeyValue("event", "connect_rejected")
                    .addKeyValue("connection_id", id)
                    .addKeyValue("status", outcome.status())
                    .log();
            close(CloseCodes.POLICY_VIOLATION, "connect rejected");
        } else {
            onBackendFailure("connect", outcome);
        }
    }

    private void onMessageOutcome(Outcome outcome) {
        switch (outcome.kind()) {
            case DELIVERED -> {}
            case REJECTED -> {
                LOG.atWarn()
                        .setMessage("message rejected by the backend")
                        .addKeyValue("event", "message_rejected")
                        .addKeyValue("connection_id", id)
                        .addKeyValue("status", outcome.status())
                        .log();
                if (outcome.status() == 413) {
                    // the backend's limit is below ours: answer the wallet instead of dropping the frame silently
                    close(CloseCodes.MESSAGE_TOO_BIG, "message too big for the backend");
                }
            }
            case OVERLOADED, FAILED -> {
                queue.drop("message");
                onBackendFailure("message", outcome);
            }
        }
    }

    private void onBackendFailure(String event, Outcome outcome) {
        LOG.atWarn()
                .setMessage("backend failed after retries")
                .addKeyValue("event", "backend_failed")
                .addKeyValue("kind", event)
                .addKeyValue("connection_id", id)
                .addKeyValue("status", outcome.status())
                .addKeyValue("cause", outcome.detail())
                .log();
        if (outcome.kind() == Outcome.Kind.OVERLOADED) {
            close(CloseCodes.TRY_AGAIN_LATER, "backend overloaded");
        } else {
            close(CloseCodes.INTERNAL_ERROR, "backend unavailable");
        }
    }
}
