package dev.switchboard.socketdock.relay.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.socketdock.protocol.CloseCodes;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.relay.connection.RelayConnection;
import dev.switchboard.socketdock.relay.support.Wiring;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The internal listener's pipeline ({@link InternalChannelInitializer}) in an {@link EmbeddedChannel}, its
 * callbacks reaching a socket upgraded through the public pipeline in another: authentication (401),
 * method (405), unknown sockets (404), text and binary frames, backpressure (503 over the socket's
 * high-water mark), the body limit (413), health and metrics.
 */
class InternalPipelineTest {
    private static final RequestSigner SIGNER = RequestSigner.hs256(Wiring.SECRET);

    private Wiring wiring;
    private EmbeddedChannel internal;
    private EmbeddedChannel socket;
    private String id;

    @BeforeEach
    void start() {
        wiring = new Wiring(b -> b.maxCallbackBody(256).pingInterval(java.time.Duration.ZERO));
        internal = Wire.channel(new InternalChannelInitializer(wiring.context)::addHandlers);
        socket = Wire.channel(new RelayChannelInitializer(wiring.context)::addHandlers);
        assertThat(Wire.upgrade(socket).status().code()).isEqualTo(101);
        id = socket.attr(RelayConnection.KEY).get().id();
    }

    @AfterEach
    void stop() {
        wiring.close();
    }

    /** POSTs a callback, signed for exactly this request unless {@code authorization} is given. */
    private FullHttpResponse post(String path, String contentType, byte[] body, String authorization) {
        String auth = authorization != null
                ? authorization
                : SIGNER.authorization(
                        "POST", path, body, RequestBinding.ofCallback(java.net.URI.create("http://relay" + path)));
        Wire.request(
                internal,
                "POST " + path + " HTTP/1.1\r\nHost: relay\r\nContent-Type: " + contentType + "\r\nAuthorization: "
                        + auth + "\r\n",
                body);
        socket.runPendingTasks(); // the send decision runs on the socket's event loop
        return Wire.response(internal);
    }

    private FullHttpResponse post(String path, String contentType, String body) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8), null);
    }

    private FullHttpResponse get(String path) {
        Wire.request(internal, "GET " + path + " HTTP/1.1\r\nHost: relay\r\n", new byte[0]);
        return Wire.response(internal);
    }

    @Test
    void aSignedTextPlainSendBecomesOneTextFrame() {
        FullHttpResponse response = post("/socket/" + id + "/send", "text/plain; charset=utf-8", "héllo");
        assertThat(response.status().code()).isEqualTo(200);
        List<WebSocketFrame> frames = Wire.frames(socket);
        assertThat(frames).singleElement().isInstanceOf(TextWebSocketFrame.class);
        assertThat(((TextWebSocketFrame) frames.get(0)).text()).isEqualTo("héllo");
        assertThat(wiring.metrics.callbackCount("send", 200)).isEqualTo(1);
    }

    @Test
    void anyOtherContentTypeBecomesABinaryFrameWithTheExactBytes() {
        byte[] body = {0, (byte) 0xff, 1, (byte) 0xc3};
        FullHttpResponse response = post("/socket/" + id + "/send", "application/didcomm-encrypted+json", body, null);
        assertThat(response.status().code()).isEqualTo(200);
        List<WebSocketFrame> frames = Wire.frames(socket);
        assertThat(frames).singleElement().isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(frames.get(0).content()))
                .isEqualTo(body);
    }

    @Test
    void aTextPlainBodyThatIsNotUtf8Is400AndNoFrame() {
        byte[] body = {'a', (byte) 0xc3, '('};
        assertThat(post("/socket/" + id + "/send", "text/plain", body, null)
                        .status()
                        .code())
                .isEqualTo(400);
        assertThat(Wire.frames(socket)).isEmpty();
    }

    @Test
    void missingTamperedOrOtherRequestTokensAre401WithNothingDone() {
        String path = "/socket/" + id + "/send";
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);
        List<String> refused = List.of(
                "none",
                SIGNER.authorization("POST", "/socket/" + id + "/disconnect", body),
                SIGNER.authorization("POST", path, "y".getBytes(StandardCharsets.UTF_8)),
                RequestSigner.hs256(dev.switchboard.socketdock.protocol.auth.SharedSecret.ofUtf8("x".repeat(32)))
                        .authorization("POST", path, body));
        for (String auth : refused) {
            FullHttpResponse response = post(path, "text/plain", body, auth);
            assertThat(response.status().code()).as(auth).isEqualTo(401);
            assertThat(response.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
        }
        assertThat(Wire.frames(socket)).isEmpty();
        assertThat(wiring.metrics.callbackCount("send", 401)).isEqualTo(refused.size());
    }

    @Test
    void otherMethodsAre405AndUnknownSocketsOrPaths404() {
        FullHttpResponse get = get("/socket/" + id + "/send");
        assertThat(get.status().code()).isEqualTo(405);
        assertThat(get.headers().get("Allow")).isEqualTo("POST");
        assertThat(post("/socket/nobody/send", "text/plain", "x").status().code())
                .isEqualTo(404);
        assertThat(post("/socket/" + id + "/other", "text/plain", "x").status().code())
                .isEqualTo(404);
        assertThat(get("/elsewhere").status().code()).isEqualTo(404);
    }

    @Test
    void aSendOverTheSocketsHighWaterMarkIs503WithRetryAfterAndIsNotTaken() {
        socket.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        socket.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[32]))); // not flushed: buffered
        assertThat(socket.isWritable()).isFalse();
        FullHttpResponse response = post("/socket/" + id + "/send", "text/plain", "over");
        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.headers().get(HttpNames.RETRY_AFTER)).isEqualTo("1");
        assertThat(wiring.metrics.callbackCount("send", 503)).isEqualTo(1);
        socket.flush();
        assertThat(Wire.frames(socket)).singleElement().isInstanceOf(BinaryWebSocketFrame.class);
        // once drained below the mark, sends are taken again
        assertThat(socket.isWritable()).isTrue();
        assertThat(post("/socket/" + id + "/send", "text/plain", "ok").status().code())
                .isEqualTo(200);
    }

    @Test
    void disconnectClosesTheSocketWith1000ThenUnknown() {
        assertThat(post("/socket/" + id + "/disconnect", "text/plain", "")
                        .status()
                        .code())
                .isEqualTo(200);
        List<WebSocketFrame> frames = Wire.frames(socket);
        assertThat(frames).singleElement().isInstanceOf(CloseWebSocketFrame.class);
        assertThat(((CloseWebSocketFrame) frames.get(0)).statusCode()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        assertThat(post("/socket/" + id + "/send", "text/plain", "late")
                        .status()
                        .code())
                .as("a closing socket takes no frames")
                .isEqualTo(404);
    }

    @Test
    void aBodyOverTheLimitIs413AndCounted() {
        FullHttpResponse response = post("/socket/" + id + "/send", "text/plain", "x".repeat(257));
        assertThat(response.status().code()).isEqualTo(413);
        assertThat(wiring.metrics.callbackCount("send", 413)).isEqualTo(1);
        assertThat(Wire.frames(socket)).isEmpty();
    }

    @Test
    void healthIsLiveAndReadyUntilADrainBegins() {
        assertThat(Wire.body(get("/health/live"))).isEqualTo("live\n");
        assertThat(get("/health/ready").status().code()).isEqualTo(200);
        wiring.context.draining().set(true);
        FullHttpResponse ready = get("/health/ready");
        assertThat(ready.status().code()).isEqualTo(503);
        assertThat(Wire.body(ready)).isEqualTo("draining\n");
        assertThat(get("/health/live").status().code()).isEqualTo(200);
    }

    @Test
    void metricsArePrometheusTextWithTheCountsSoFar() {
        post("/socket/nobody/send", "text/plain", "x");
        FullHttpResponse metrics = get("/metrics?x=1");
        assertThat(metrics.status().code()).isEqualTo(200);
        assertThat(metrics.headers().get("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(Wire.body(metrics))
                .contains("socketdock_callback_requests_total{callback=\"send\",status=\"404\"} 1.0");
    }
}
