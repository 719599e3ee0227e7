package dev.switchboard.loadtest.abuse;

import dev.switchboard.loadtest.ledger.Ledger;
import dev.switchboard.loadtest.wallet.Invitation;
import dev.switchboard.loadtest.wallet.Keyring;
import dev.switchboard.loadtest.wallet.VirtualWallet;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Floods one mediator and one relay for {@code abuse.durationSeconds} with, at once:
 *
 * <ul>
 *   <li>{@code garbage}: anonymous {@code POST /} of 1-4 KiB random bytes, {@code abuse.garbageRate}/s;
 *   <li>{@code mediation}: mediate-requests from fresh keys (a new wallet each), {@code abuse.mediationRate}/s;
 *   <li>{@code half-open}: {@code abuse.halfOpen} TCP connections to the relay that never send a byte;
 *   <li>{@code slow}: {@code abuse.slow} connections sending their upgrade request one byte per second;
 *   <li>{@code oversized}: WebSockets sending one binary frame of {@code abuse.oversizedBytes} (over the
 *       mediator's message limit, under the relay's frame limit) and one over the relay's frame limit, {@code
 *       abuse.oversizedRate}/s.
 * </ul>
 *
 * HTTP floods come from {@code abuse.addresses} client addresses named in {@code X-Forwarded-For} (the run
 * trusts it from loopback, as an ingress would set it). Prints per attack what was sent and the answers.
 */
public final class Attacker {
    private final URI http;
    private final URI ws;
    private final int durationSeconds;
    private final int addresses;
    private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
    /** Requests in flight at once (an attacker's connections are bounded too; past it a request is skipped). */
    private final java.util.concurrent.Semaphore inFlight =
            new java.util.concurrent.Semaphore(Integer.getInteger("abuse.maxInFlight", 256));

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: plain keep-alive connections
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    private Attacker(URI http, URI ws, int durationSeconds, int addresses) {
        this.http = http;
        this.ws = ws;
        this.durationSeconds = durationSeconds;
        this.addresses = addresses;
    }

    /** Entry point: {@code -Dabuse.http=... -Dabuse.ws=...} and the rates above. */
    public static void main(String[] args) throws Exception {
        Attacker attacker = new Attacker(
                URI.create(System.getProperty("abuse.http")),
                URI.create(System.getProperty("abuse.ws")),
                Integer.getInteger("abuse.durationSeconds", 60),
                Integer.getInteger("abuse.addresses", 4));
        attacker.run(
                Integer.getInteger("abuse.garbageRate", 200),
                Integer.getInteger("abuse.mediationRate", 50),
                Integer.getInteger("abuse.halfOpen", 500),
                Integer.getInteger("abuse.slow", 200),
                Integer.getInteger("abuse.oversizedRate", 2),
                Integer.getInteger("abuse.oversizedBytes", 1_500_000),
                Integer.getInteger("abuse.overFrameBytes", 5_000_000));
        System.exit(0);
    }

    private void count(String attack, String outcome) {
        outcomes.computeIfAbsent(attack, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, k -> new LongAdder())
                .increment();
    }

    private String address() {
        int n = ThreadLocalRandom.current().nextInt(addresses);
        return "10.66." + (n / 250) + "." + (1 + n % 250);
    }

    private void run(
            int garbageRate,
            int mediationRate,
            int halfOpen,
            int slow,
            int oversizedRate,
            int oversizedBytes,
            int overFrameBytes)
            throws Exception {
        Invitation invitation = Invitation.fetch(http);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        List<Socket> held = new ArrayList<>();
        workers.execute(() -> holdHalfOpen(halfOpen, held));
        for (int i = 0; i < slow; i++) {
            workers.execute(this::slowUpgrade);
        }
        List<Thread> floods = List.of(
                Thread.ofVirtual().start(() -> paced(garbageRate, end, this::garbage)),
                Thread.ofVirtual().start(() -> paced(mediationRate, end, () -> mediation(invitation))),
                Thread.ofVirtual()
                        .start(() -> paced(oversizedRate, end, () -> {
                            oversized("oversized-message", oversizedBytes);
                            oversized("oversized-frame", overFrameBytes);
                        })));
        for (Thread t : floods) {
            t.join();
        }
        running = false;
        synchronized (held) {
            for (Socket s : held) {
                closeQuietly(s);
            }
        }
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        print();
    }

    /** Starts {@code task} {@code rate} times a second until {@code end}, each on its own virtual thread. */
    private void paced(int rate, long end, Runnable task) {
        if (rate <= 0) {
            return;
        }
        long periodNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        while (next < end) {
            workers.execute(task);
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void post(String attack, byte[] body) {
        if (!inFlight.tryAcquire()) {
            count(attack, "skipped-in-flight-cap");
            return;
        }
        try {
            send(attack, body);
        } finally {
            inFlight.release();
        }
    }

    private void send(String attack, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(http)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/didcomm-envelope-enc")
                .header("X-Forwarded-For", address())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            count(attack, Integer.toString(response.statusCode()));
        } catch (IOException e) {
            count(attack, "io-error-" + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            count(attack, "error-" + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void garbage() {
        byte[] body = new byte[1024 + ThreadLocalRandom.current().nextInt(3072)];
        ThreadLocalRandom.current().nextBytes(body);
        post("garbage", body);
    }

    private void mediation(Invitation invitation) {
        try {
            Keyring keys = new Keyring(); // a fresh key each time, forgotten afterwards
            VirtualWallet wallet = new VirtualWallet(invitation, "attacker", keys, new Ledger());
            post("mediation", wallet.mediateRequest().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            count("mediation", "error-" + e.getClass().getSimpleName());
        }
    }

    private void holdHalfOpen(int n, List<Socket> held) {
        for (int i = 0; i < n && running; i++) {
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 5_000);
                synchronized (held) {
                    held.add(s);
                }
                count("half-open", "connected");
            } catch (IOException e) {
                count("half-open", "refused");
            }
        }
        // how many the relay closed by the end (a read returns -1 or fails)
        while (running) {
            sleep(1000);
        }
        synchronized (held) {
            for (Socket s : held) {
                try {
                    s.setSoTimeout(1);
                    count("half-open", s.getInputStream().read() < 0 ? "closed-by-relay" : "still-open");
                } catch (java.net.SocketTimeoutException e) {
                    count("half-open", "still-open");
                } catch (IOException e) {
                    count("half-open", "closed-by-relay");
                }
            }
        }
    }

    private void slowUpgrade() {
        String upgrade = "GET " + ws.getRawPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 5_000);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < upgrade.length() && running; i++) {
                out.write(upgrade.charAt(i));
                out.flush();
                sleep(1000);
            }
            count("slow", running ? "completed" : "held-to-the-end");
        } catch (IOException e) {
            count("slow", "closed-by-relay");
        }
    }

    private void oversized(String attack, int bytes) {
        CompletableFuture<String> closed = new CompletableFuture<>();
        try {
            WebSocket socket = client.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(ws, new WebSocket.Listener() {
                        @Override
                        public CompletableFuture<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete("close-" + statusCode);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            closed.complete("error");
                        }
                    })
                    .get(10, TimeUnit.SECONDS);
            byte[] frame = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(frame);
            socket.sendBinary(ByteBuffer.wrap(frame), true).get(30, TimeUnit.SECONDS);
            count(
                    attack,
                    closed.completeOnTimeout("open-after-10s", 10, TimeUnit.SECONDS)
                            .get());
            socket.abort();
        } catch (Exception e) {
            count(
                    attack,
                    closed.isDone()
                            ? closed.getNow("error")
                            : "send-failed-" + e.getClass().getSimpleName());
        }
    }

    private void print() {
        System.out.println("==== abuse figures");
        new TreeMap<>(outcomes).forEach((attack, byOutcome) -> {
            StringBuilder line = new StringBuilder(attack).append(':');
            new TreeMap<>(byOutcome)
                    .forEach((o, n) -> line.append(' ').append(o).append('=').append(n.sum()));
            System.out.println(line);
        });
        System.out.println("END");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
