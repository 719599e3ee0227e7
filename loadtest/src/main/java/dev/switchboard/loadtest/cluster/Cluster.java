package dev.switchboard.loadtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * The system under test on loopback: an embedded Redis (or Debian's redis-server, or a given one), {@link
 * ClusterSpec#relays()} relays,
 * {@link ClusterSpec#mediators()} mediators and optionally HAProxy, all child processes of this JVM, sharing a
 * fresh relay JWT secret and key-encryption key. Without HAProxy relay {@code i} posts to mediator {@code i %
 * M} and wallets connect to the relays directly; with it, relays post through HAProxy's HTTP front and wallets
 * connect through its WebSocket front (a relay or mediator killed is then routed around). The {@link Nemesis}
 * injects faults through {@link #process}, {@link #restart}, {@link #partitionRedis} and {@link #slowCallbacks}.
 * {@link #close()} stops everything it started.
 *
 * <p>Every wallet connects from 127.0.0.1, so the relays run without their per-address limits, and the mediators
 * without theirs on {@code POST /}. With the system
 * property {@code loadtest.otlpEndpoint} (an OTLP/HTTP base URI) tracing is on: each relay exports its spans
 * there ({@code --otel-exporter-otlp-endpoint}) and each mediator too (its OpenTelemetry SDK on, OTLP over
 * HTTP/protobuf); unset, tracing is off as in production by default.
 */
public final class Cluster implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180); // a shared, loaded machine

    private final ClusterSpec spec;
    private final List<ChildProcess> relays = new CopyOnWriteArrayList<>();
    private final List<ChildProcess> mediators = new CopyOnWriteArrayList<>();
    private volatile @Nullable ChildProcess haproxy;
    private volatile @Nullable ChildProcess redisServer;
    private @Nullable RedisServer redis;
    private boolean closed;
    private final String secret = HexFormat.of().formatHex(random(32));
    private final String kek = Base64.getEncoder().encodeToString(random(32));
    private final String otlpEndpoint = System.getProperty("loadtest.otlpEndpoint", "");

    private Cluster(ClusterSpec spec) {
        this.spec = spec;
    }

    /**
     * Starts everything and waits until every process is ready.
     *
     * @throws IllegalStateException when a jar is missing (build first) or a process does not get ready in 90 s
     */
    public static Cluster start(ClusterSpec spec) {
        Cluster cluster = startWithoutHook(spec);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "cluster-teardown"));
        return cluster;
    }

    /** As {@link #start} without the JVM shutdown hook that closes the cluster (the caller closes it). */
    public static Cluster startWithoutHook(ClusterSpec spec) {
        Cluster cluster = new Cluster(spec);
        try {
            cluster.startAll();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() {
        Path mediatorJar = spec.repo().resolve("mediator/target/quarkus-app/quarkus-run.jar");
        Path relayDir = spec.repo().resolve("socketdock/relay/target");
        if (!Files.isRegularFile(mediatorJar)) {
            throw new IllegalStateException("no " + mediatorJar + ": build it (./mvnw -pl mediator -am package)");
        }
        Path relayJar = relayJar(relayDir);
        String redisUri = spec.redisUri();
        if (redisUri == null && spec.systemRedis()) {
            redisServer = RedisProcess.start(spec.runDir(), spec.redisPort(), spec.redisAppendfsync());
            RedisProcess.awaitReady(redisServer, spec.redisPort(), READY_TIMEOUT);
            redisUri = "redis://127.0.0.1:" + spec.redisPort();
        } else if (redisUri == null) {
            try {
                redis = new RedisServer(spec.redisPort());
                redis.start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded Redis on port " + spec.redisPort(), e);
            }
            redisUri = "redis://127.0.0.1:" + spec.redisPort();
        }
        if (spec.faultProxy()) {
            redisUri = "redis://127.0.0.1:" + spec.redisProxyPort();
        }
        if (spec.haproxy()) { // first: with the fault proxy the mediators reach Redis through it
            haproxy = Haproxy.start(spec);
        }
        String backend = spec.haproxy() ? "http://127.0.0.1:" + spec.haproxyHttpPort() : null;
        for (int j = 0; j < spec.mediators(); j++) {
            mediators.add(startMediator(j, mediatorJar, redisUri));
            if (j == 0) {
                awaitReady(mediators.get(0), "http://127.0.0.1:" + spec.mediatorPort(0) + "/q/health/ready");
            }
        }
        for (int i = 0; i < spec.relays(); i++) {
            String to = backend != null ? backend : "http://127.0.0.1:" + spec.mediatorPort(i % spec.mediators());
            relays.add(startRelay(i, relayJar, to));
        }
        for (int j = 1; j < mediators.size(); j++) {
            awaitReady(mediators.get(j), "http://127.0.0.1:" + spec.mediatorPort(j) + "/q/health/ready");
        }
        for (int i = 0; i < relays.size(); i++) {
            awaitReady(relays.get(i), "http://127.0.0.1:" + spec.relayInternalPort(i) + "/health/ready");
        }
        if (haproxy != null) {
            awaitReady(haproxy, "http://127.0.0.1:" + spec.haproxyHttpPort() + "/q/health/live");
        }
    }

    private ChildProcess startMediator(int j, Path jar, String redisUri) {
        List<String> cmd = new ArrayList<>(List.of(
                java(),
                "-Xmx" + spec.mediatorHeap(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + spec.runDir(),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + spec.mediatorPort(j),
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.quarkus\".level=INFO",
                "-Dswitchboard.redis.uri=" + redisUri,
                "-Dswitchboard.relay.jwt-secret=" + secret,
                "-Dswitchboard.mediator.key-encryption-key=" + kek,
                "-Dswitchboard.mediator.public-http-url=" + httpUrls().get(0),
                "-Dswitchboard.mediator.public-ws-urls=" + String.join(",", wsUrls()),
                // every sender posts from 127.0.0.1: the per-address limit (100/s by default) would cap the run
                // itself; loadtest.mediator.* options come after and may turn it back on (the abuse scenario does)
                "-Dswitchboard.quota.per-address.per-second=0"));
        if (!otlpEndpoint.isEmpty()) {
            cmd.addAll(List.of(
                    "-Dquarkus.otel.sdk.disabled=false",
                    "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
                    "-Dquarkus.otel.exporter.otlp.traces.endpoint=" + otlpEndpoint));
        }
        cmd.addAll(MediatorProperties.options());
        cmd.addAll(List.of("-jar", jar.toString()));
        return ChildProcess.start("mediator-" + j, cmd, spec.runDir());
    }

    private ChildProcess startRelay(int i, Path jar, String backend) {
        String cp = jar + ":" + jar.getParent().resolve("lib") + "/*";
        List<String> cmd = new ArrayList<>(List.of(
                java(),
                "-Xmx" + spec.relayHeap(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                cp,
                "dev.switchboard.socketdock.relay.Main",
                "--bindip",
                "127.0.0.1",
                "--bindport",
                Integer.toString(spec.relayPort(i)),
                "--internal-ip",
                "127.0.0.1",
                "--internal-port",
                Integer.toString(spec.relayInternalPort(i)),
                "--endpoint",
                "http://127.0.0.1:" + (spec.faultProxy() ? spec.callbackProxyPort(i) : spec.relayInternalPort(i)),
                "--instance-id",
                "relay-" + i,
                "--secret",
                secret,
                "--message-uri",
                backend + "/socketdock/message",
                "--connect-uri",
                backend + "/socketdock/connect",
                "--disconnect-uri",
                backend + "/socketdock/disconnect",
                "--heartbeat-uri",
                backend + "/socketdock/heartbeat",
                "--drain-window",
                "1s",
                // every simulated wallet connects from 127.0.0.1
                "--max-sockets-per-address",
                "0",
                "--max-socket-rate-per-address",
                "0"));
        if (!otlpEndpoint.isEmpty()) {
            cmd.addAll(List.of("--otel-exporter-otlp-endpoint", otlpEndpoint));
        }
        return ChildProcess.start("relay-" + i, cmd, spec.runDir());
    }

    /** The WebSocket URLs wallets connect to: HAProxy's front, or every relay. */
    public List<String> wsUrls() {
        if (spec.haproxy()) {
            return List.of("ws://127.0.0.1:" + spec.haproxyWsPort() + "/ws");
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < spec.relays(); i++) {
            urls.add("ws://127.0.0.1:" + spec.relayPort(i) + "/ws");
        }
        return urls;
    }

    /** The HTTP URLs senders POST to: HAProxy's front, or every mediator. */
    public List<String> httpUrls() {
        if (spec.haproxy()) {
            return List.of("http://127.0.0.1:" + spec.haproxyHttpPort() + "/");
        }
        List<String> urls = new ArrayList<>();
        for (int j = 0; j < spec.mediators(); j++) {
            urls.add("http://127.0.0.1:" + spec.mediatorPort(j) + "/");
        }
        return urls;
    }

    /** The spec this cluster was started from. */
    public ClusterSpec spec() {
        return spec;
    }

    /**
     * The running process named {@code name} ({@code relay-0}, {@code mediator-1}, {@code redis-server}, {@code
     * haproxy}).
     *
     * @throws IllegalArgumentException when there is none of that name
     */
    public ChildProcess process(String name) {
        return processes()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("process: %s (expected one of %s)"
                        .formatted(name, processes().map(ChildProcess::name).toList())));
    }

    /**
     * Starts the killed process {@code name} again with the same command and waits until it is ready (a relay
     * or mediator: its readiness endpoint; redis-server: PING, after loading its append-only file).
     *
     * @throws IllegalStateException when it is still running or does not get ready in 90 s
     */
    public void restart(String name) {
        ChildProcess old = process(name);
        ChildProcess fresh = old.restart();
        if (old == redisServer) {
            redisServer = fresh;
            RedisProcess.awaitReady(fresh, spec.redisPort(), READY_TIMEOUT);
        } else if (relays.contains(old)) {
            int i = relays.indexOf(old);
            relays.set(i, fresh);
            awaitReady(fresh, "http://127.0.0.1:" + spec.relayInternalPort(i) + "/health/ready");
        } else if (mediators.contains(old)) {
            int j = mediators.indexOf(old);
            mediators.set(j, fresh);
            awaitReady(fresh, "http://127.0.0.1:" + spec.mediatorPort(j) + "/q/health/ready");
        } else {
            throw new IllegalArgumentException(
                    "process: %s (expected: a relay, a mediator or redis-server)".formatted(name));
        }
    }

    /**
     * Cuts ({@code true}) or restores every mediator's connection to Redis at the fault proxy.
     *
     * @throws IllegalStateException without {@link ClusterSpec#faultProxy()}
     */
    public void partitionRedis(boolean cut) {
        requireFaultProxy();
        Haproxy.partitionRedis(spec, cut);
    }

    /**
     * Delays ({@code true}) every {@code send} callback to relay {@code i} by {@link
     * ClusterSpec#callbackDelayMillis()} at the fault proxy, or stops delaying them.
     *
     * @throws IllegalStateException without {@link ClusterSpec#faultProxy()}
     */
    public void slowCallbacks(int i, boolean slow) {
        requireFaultProxy();
        Haproxy.slowCallbacks(spec, i, slow);
    }

    private void requireFaultProxy() {
        if (!spec.faultProxy()) {
            throw new IllegalStateException("this fault needs the fault proxy (-Dloadtest.faultProxy=true)");
        }
    }

    /** Figures of every process started (dead ones read as zeros). */
    public List<ProcessStats> sample() {
        return processes().map(ChildProcess::sample).toList();
    }

    /** Every child process. */
    public Stream<ChildProcess> processes() {
        return Stream.of(relays.stream(), mediators.stream(), Stream.of(haproxy), Stream.of(redisServer))
                .flatMap(s -> s)
                .filter(p -> p != null);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        processes()
                .filter(ChildProcess::alive)
                .forEach(
                        p -> { // a paused one would not stop
                            try {
                                p.signal("CONT");
                            } catch (RuntimeException e) {
                                System.err.println("cluster teardown: " + e.getMessage());
                            }
                        });
        relays.forEach(r -> r.stop(10));
        mediators.forEach(m -> m.stop(10));
        if (haproxy != null) { // after the mediators: with the fault proxy they reach Redis through it
            haproxy.stop(5);
        }
        if (redisServer != null) {
            redisServer.stop(10);
        }
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                System.err.println("embedded Redis did not stop: " + e);
            }
        }
    }

    private static void awaitReady(ChildProcess p, String url) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!p.alive()) {
                    throw new IllegalStateException(p.name() + " exited during startup:\n" + p.tail(30));
                }
                try {
                    HttpResponse<Void> r = client.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not yet listening
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(
                p.name() + " not ready at " + url + " within " + READY_TIMEOUT + ":\n" + p.tail(30));
    }

    private static Path relayJar(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                        String n = f.getFileName().toString();
                        return n.startsWith("socketdock-relay-") && n.endsWith(".jar") && !n.contains("sources");
                    })
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no socketdock-relay jar in " + dir));
        } catch (IOException e) {
            throw new IllegalStateException("no " + dir + ": build it (./mvnw -pl socketdock/relay -am package)", e);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
