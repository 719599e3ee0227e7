package dev.switchboard.mediator.interop;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A wallet's WebSocket to a real socketdock relay (java.net.http): sends text frames, collects every
 * complete inbound frame (text or binary) as a UTF-8 string.
 */
final class RelaySocket implements AutoCloseable {
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    RelaySocket(URI url) {
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(url, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();
                    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frames.add(text.toString());
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        binary.writeBytes(bytes);
                        if (last) {
                            frames.add(binary.toString(StandardCharsets.UTF_8));
                            binary.reset();
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .join();
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The next inbound frame within 60 s (a loaded machine), else an assertion error. */
    String next() {
        try {
            String frame = frames.poll(60, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the relay within 60 s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next inbound frame within {@code millis}, or null. */
    @org.jspecify.annotations.Nullable
    String poll(long millis) {
        try {
            return frames.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
    }
}
