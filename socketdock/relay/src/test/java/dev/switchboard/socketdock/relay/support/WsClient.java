package dev.switchboard.socketdock.relay.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's java.net.http.WebSocket) that records what it receives. */
public final class WsClient implements AutoCloseable {
    /** A received data frame. */
    public record Message(boolean text, byte[] data) {
        public String string() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** The close frame received. */
    public record Close(int code, String reason) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();

    private WsClient(URI uri) {
        Listener listener = new Listener();
        this.socket = HTTP.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, listener)
                .join();
    }

    /** Connects; throws {@link java.util.concurrent.CompletionException} when the upgrade is refused. */
    public static WsClient connect(URI uri) {
        return new WsClient(uri);
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** Sends a ping and returns the nanoTime its pong arrived, or -1 when none came in time. */
    public long pingAndAwaitPong(Duration timeout) throws InterruptedException {
        pongs.clear();
        socket.sendPing(ByteBuffer.wrap(new byte[] {1})).join();
        Long at = pongs.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return at == null ? -1 : at;
    }

    /** The next data frame, or null after {@code timeout}. */
    public Message next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close frame the relay sent, waiting up to {@code timeout}. */
    public Close awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public void close(int code) {
        socket.sendClose(code, "bye").join();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(new Message(true, text.toString().getBytes(StandardCharsets.UTF_8)));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                messages.add(new Message(false, binary.toByteArray()));
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            pongs.add(System.nanoTime());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(new Close(-1, String.valueOf(error)));
        }
    }
}
