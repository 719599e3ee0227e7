package dev.switchboard.socketdock.echo;

import dev.switchboard.socketdock.protocol.Frame;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.MalformedEventException;
import dev.switchboard.socketdock.protocol.MessageEvent;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.protocol.auth.Verification;
import dev.switchboard.socketdock.relay.backend.BackendClient;
import dev.switchboard.socketdock.relay.backend.BackendResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers the relay's POSTs and echoes each message through its {@code send} callback (see {@link EchoBackend}). */
@ChannelHandler.Sharable
final class EchoHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(EchoHandler.class);

    private final RequestVerifier verifier;
    private final RequestSigner signer;
    private final BackendClient client;
    private final LongAdder echoed = new LongAdder();

    EchoHandler(RequestVerifier verifier, RequestSigner signer, BackendClient client) {
        this.verifier = verifier;
        this.signer = signer;
        this.client = client;
    }

    long echoed() {
        return echoed.sum();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        byte[] body = ByteBufUtil.getBytes(request.content());
        Verification v = verifier.verify(
                request.headers().get(HttpNames.AUTHORIZATION),
                request.method().name(),
                request.uri(),
                body,
                new RequestBinding(request.headers().get(HttpNames.IDEMPOTENCY_KEY), null));
        if (!v.ok()) {
            LOG.warn("event=unauthorized path={} reason=\"{}\"", request.uri(), v.reason());
            respond(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED);
            return;
        }
        try {
            switch (request.uri()) {
                case "/socketdock/message" -> {
                    // answer once the echo is through, so the relay's per-socket order holds end to end
                    MessageEvent event = SocketDockJson.readMessage(body);
                    echo(ctx, event).addListener(f -> respond(ctx, keepAlive, HttpResponseStatus.NO_CONTENT));
                }
                case "/socketdock/connect" -> {
                    LOG.debug(
                            "event=connect connection_id={}",
                            SocketDockJson.readConnect(body).meta().connectionId());
                    respond(ctx, keepAlive, HttpResponseStatus.NO_CONTENT);
                }
                case "/socketdock/disconnect" -> {
                    var d = SocketDockJson.readDisconnect(body);
                    LOG.debug("event=disconnect connection_id={} close_code={}", d.connectionId(), d.closeCode());
                    respond(ctx, keepAlive, HttpResponseStatus.NO_CONTENT);
                }
                case "/socketdock/heartbeat" -> {
                    LOG.debug(
                            "event=heartbeat connections={}",
                            SocketDockJson.readHeartbeat(body).connections());
                    respond(ctx, keepAlive, HttpResponseStatus.NO_CONTENT);
                }
                default -> respond(ctx, keepAlive, HttpResponseStatus.NOT_FOUND);
            }
        } catch (MalformedEventException e) {
            respond(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST);
        }
    }

    private Future<BackendResponse> echo(ChannelHandlerContext ctx, MessageEvent event) {
        byte[] payload = event.payload();
        URI send = URI.create(event.meta().send());
        Map<String, String> headers = new HashMap<>(4);
        headers.put(
                HttpHeaderNames.CONTENT_TYPE.toString(),
                event.frame() == Frame.TEXT ? HttpNames.TEXT_PLAIN : "application/octet-stream");
        String authorization = signer.authorization("POST", send, payload, RequestBinding.ofCallback(send));
        if (authorization != null) {
            headers.put(HttpNames.AUTHORIZATION, authorization);
        }
        Promise<BackendResponse> done = ctx.executor().newPromise();
        done.addListener((Future<BackendResponse> f) -> {
            if (f.isSuccess() && f.getNow().success()) {
                echoed.increment();
            } else {
                LOG.warn(
                        "event=echo_failed connection_id={} result={}",
                        event.meta().connectionId(),
                        f.isSuccess() ? "HTTP " + f.getNow().status() : String.valueOf(f.cause()));
            }
        });
        client.post(send, payload, headers, done);
        return done;
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
