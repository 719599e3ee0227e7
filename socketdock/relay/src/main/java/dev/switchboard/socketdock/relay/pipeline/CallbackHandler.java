package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.protocol.CallbackPaths;
import dev.switchboard.socketdock.protocol.CloseCodes;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.Verification;
import dev.switchboard.socketdock.relay.RelayContext;
import dev.switchboard.socketdock.relay.connection.RelayConnection;
import dev.switchboard.socketdock.relay.tracing.FrameTracing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.opentelemetry.api.trace.Span;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's callbacks (SocketDock's paths, see {@link CallbackPaths}), after authentication:
 *
 * <ul>
 *   <li>{@code POST /socket/{id}/send}: the body becomes one frame, text when
 *       {@code Content-Type: text/plain} (the body must then be UTF-8, else 400), binary otherwise.
 *       200 once the frame is in the socket's outbound buffer (written to the kernel, or queued
 *       below the high-water mark); 404 unknown or closed socket; 503 with {@code Retry-After} when
 *       the socket's outbound buffer is over its high-water mark (the frame is not taken). A W3C
 *       {@code traceparent} on the request makes the frame's {@code socketdock frame out} span a child
 *       of the caller's trace (see {@link FrameTracing}).
 *   <li>{@code POST /socket/{id}/disconnect}: close 1000, then 200; 404 unknown socket.
 *   <li>401 with nothing done when the request token is missing, expired, tampered or for another
 *       request; 405 for other methods. (413 for bodies over the limit comes from
 *       {@link CallbackBodyLimit} before this handler.)
 * </ul>
 *
 * Requests for other paths pass on down the pipeline.
 */
@ChannelHandler.Sharable
final class CallbackHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackHandler.class);

    private final RelayContext context;

    CallbackHandler(RelayContext context) {
        super(false);
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = HttpResponses.path(request.uri());
        if (!path.startsWith(CallbackPaths.PREFIX)) {
            ctx.fireChannelRead(request);
            return;
        }
        try {
            handle(ctx, request, path);
        } finally {
            request.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Optional<CallbackPaths.Callback> parsed = CallbackPaths.parse(path);
        String name = parsed.map(c -> c.kind().name().toLowerCase(Locale.ROOT)).orElse("unknown");
        if (parsed.isEmpty()) {
            answer(ctx, keepAlive, name, HttpResponseStatus.NOT_FOUND, "not found\n");
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = HttpResponses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "POST only\n");
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
            context.metrics().callback(name, 405);
            HttpResponses.send(ctx, keepAlive, response);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        Verification verification = context.verifier()
                .verify(
                        request.headers().get(HttpNames.AUTHORIZATION),
                        request.method().name(),
                        request.uri(),
                        body,
                        RequestBinding.connection(parsed.get().connectionId()));
        if (!verification.ok()) {
            LOG.atInfo()
                    .setMessage("callback refused: 401")
                    .addKeyValue("event", "callback_unauthorized")
                    .addKeyValue("path", path)
                    .addKeyValue("reason", verification.reason())
                    .log();
            FullHttpResponse response =
                    HttpResponses.text(HttpResponseStatus.UNAUTHORIZED, verification.reason() + "\n");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            context.metrics().callback(name, 401);
            HttpResponses.send(ctx, keepAlive, response);
            return;
        }
        CallbackPaths.Callback callback = parsed.get();
        RelayConnection connection = context.registry().get(callback.connectionId());
        if (connection == null || !connection.acceptsFrames()) {
            answer(ctx, keepAlive, name, HttpResponseStatus.NOT_FOUND, "unknown connection\n");
            return;
        }
        switch (callback.kind()) {
            case SEND -> send(ctx, keepAlive, request, connection);
            case DISCONNECT -> {
                connection
                        .channel()
                        .eventLoop()
                        .execute(() -> connection.close(CloseCodes.NORMAL_CLOSURE, "closed by backend"));
                answer(ctx, keepAlive, name, HttpResponseStatus.OK, "OK");
            }
        }
    }

    private void send(
            ChannelHandlerContext ctx, boolean keepAlive, FullHttpRequest request, RelayConnection connection) {
        ByteBuf content = request.content();
        boolean text = isTextPlain(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        int bytes = content.readableBytes();
        Span span = context.tracing().frameOut(request.headers(), connection.id(), text, bytes);
        if (text && !ByteBufUtil.isText(content, StandardCharsets.UTF_8)) {
            FrameTracing.end(span, 400, "text/plain body is not UTF-8");
            answer(ctx, keepAlive, "send", HttpResponseStatus.BAD_REQUEST, "text/plain body is not UTF-8\n");
            return;
        }
        ByteBuf payload = content.retainedDuplicate();
        Channel target = connection.channel();
        // decide on the socket's own event loop, where its writability is exact
        target.eventLoop().execute(() -> {
            if (!connection.acceptsFrames()) {
                payload.release();
                FrameTracing.end(span, 404, "connection closed");
                answer(ctx, keepAlive, "send", HttpResponseStatus.NOT_FOUND, "connection closed\n");
                return;
            }
            if (!target.isWritable()) {
                payload.release();
                FrameTracing.end(span, 503, "socket outbound buffer full");
                FullHttpResponse response =
                        HttpResponses.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "socket outbound buffer full\n");
                response.headers().set(HttpNames.RETRY_AFTER, "1");
                context.metrics().callback("send", 503);
                HttpResponses.send(ctx, keepAlive, response);
                return;
            }
            ChannelFuture written =
                    connection.write(text ? new TextWebSocketFrame(payload) : new BinaryWebSocketFrame(payload));
            if (written.isDone() && !written.isSuccess()) {
                FrameTracing.end(span, 404, "connection closed");
                answer(ctx, keepAlive, "send", HttpResponseStatus.NOT_FOUND, "connection closed\n");
                return;
            }
            context.metrics().frameOut(text, bytes);
            FrameTracing.end(span, 200, "ok");
            answer(ctx, keepAlive, "send", HttpResponseStatus.OK, "OK");
        });
    }

    private void answer(
            ChannelHandlerContext ctx, boolean keepAlive, String callback, HttpResponseStatus status, String body) {
        context.metrics().callback(callback, status.code());
        HttpResponses.send(ctx, keepAlive, HttpResponses.text(status, body));
    }

    static boolean isTextPlain(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String mime = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
        return mime.equalsIgnoreCase(HttpNames.TEXT_PLAIN);
    }
}
