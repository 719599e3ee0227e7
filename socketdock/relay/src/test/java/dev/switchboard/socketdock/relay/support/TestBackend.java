package dev.switchboard.socketdock.relay.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP backend on loopback (JDK HttpServer): records every POST it gets and answers by a
 * per-path rule (status and delay). Requests are served on virtual threads, so a delayed answer does
 * not hold up others.
 */
public final class TestBackend implements AutoCloseable {
    /** One received request. */
    public record Received(String path, Map<String, String> headers, byte[] body, long receivedAtNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** How to answer. */
    public record Answer(int status, Duration delay) {
        public static Answer ok() {
            return new Answer(204, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, BlockingQueue<Received>> byPath = new ConcurrentHashMap<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> rule = r -> Answer.ok();

    public TestBackend() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            String path = exchange.getRequestURI().getRawPath();
            Received r = new Received(path, Map.copyOf(headers), body, System.nanoTime());
            all.add(r);
            byPath.computeIfAbsent(path, k -> new LinkedBlockingQueue<>()).add(r);
            Answer answer = rule.apply(r);
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
    }

    /** Sets how requests are answered from now on. */
    public void answer(Function<Received, Answer> rule) {
        this.rule = rule;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next request on this path, waiting up to {@code timeout}; null when none came. */
    public Received next(String path, Duration timeout) throws InterruptedException {
        return byPath.computeIfAbsent(path, k -> new LinkedBlockingQueue<>())
                .poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything received so far. */
    public List<Received> all() {
        return List.copyOf(all);
    }

    /** Requests received so far on this path (not consumed). */
    public List<Received> all(String path) {
        return all.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
