package dev.switchboard.mediator.interop;

import dev.switchboard.mediator.testing.RedisTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * The system on loopback for the interop tests: one real Redis (embedded-redis, in the test JVM; or a Redis
 * Cluster the test runs), relays
 * (the built socketdock relay, each a child JVM with its own classpath, so its Netty 4.2 never meets the
 * mediator's Netty 4.1) and mediators (the built Quarkus app, each a child JVM), sharing one relay secret and
 * one key-encryption key. Wallets reach the relays' WebSocket ports; senders POST to the mediators.
 */
final class Stack implements AutoCloseable {
    static final String SECRET = "switchboard-interop-relay-secret-0123456789";
    static final String KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final @Nullable RedisServer redis;
    private final String redisUri;
    private final List<ChildProcess> children = new ArrayList<>();

    /** On a standalone Redis of its own (embedded-redis). */
    Stack() {
        int port = RedisTestResource.freePort();
        try {
            redis = new RedisServer(port);
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        redisUri = "redis://127.0.0.1:" + port;
    }

    /**
     * On a Redis the caller runs and stops, e.g. a {@link dev.switchboard.mediator.testing.LocalRedisCluster}'s
     * {@code redis-cluster://} seed list ({@code switchboard.redis.uri}).
     */
    Stack(String redisUri) {
        this.redis = null;
        this.redisUri = redisUri;
    }

    /** The interop/credo directory (agent host). */
    static Path credoDir() {
        return ROOT.resolve("interop/credo");
    }

    /** A mediator instance. */
    record Mediator(ChildProcess process, int port) {
        URI url() {
            return URI.create("http://127.0.0.1:" + port + "/");
        }
    }

    /** A relay instance. */
    record Relay(ChildProcess process, int wsPort, int internalPort) {
        URI wsUrl() {
            return URI.create("ws://127.0.0.1:" + wsPort + "/ws");
        }
    }

    /** Starts a relay posting to {@code backend}. */
    Relay relay(String name, URI backend) {
        Path target = ROOT.resolve("socketdock/relay/target");
        String jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.map(Path::toString)
                    .filter(f -> f.matches(".*/socketdock-relay-[^/]*\\.jar") && !f.endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("no relay jar in " + target + ": build socketdock/relay"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int ws = RedisTestResource.freePort();
        int internal = RedisTestResource.freePort();
        String base = backend.toString().replaceAll("/$", "");
        ChildProcess process = ChildProcess.start(
                name,
                ChildProcess.jvm(
                        List.of("-Xmx128m", "-cp", jar + ":" + target.resolve("lib") + "/*"),
                        List.of(
                                "dev.switchboard.socketdock.relay.Main",
                                "--bindport",
                                String.valueOf(ws),
                                "--internal-port",
                                String.valueOf(internal),
                                "--instance-id",
                                name,
                                "--secret",
                                SECRET,
                                "--message-uri",
                                base + "/socketdock/message",
                                "--connect-uri",
                                base + "/socketdock/connect",
                                "--disconnect-uri",
                                base + "/socketdock/disconnect",
                                "--heartbeat-uri",
                                base + "/socketdock/heartbeat",
                                "--heartbeat-interval",
                                "2s",
                                "--drain-window",
                                "1s")));
        children.add(process);
        process.awaitPort(ws, Duration.ofSeconds(60));
        return new Relay(process, ws, internal);
    }

    /**
     * Starts a mediator on {@code port} whose invitation lists {@code wsUrls}; waits until it is ready.
     */
    Mediator mediator(String name, int port, List<URI> wsUrls) {
        return mediator(name, port, port, wsUrls);
    }

    /**
     * Starts a mediator on {@code port} that announces {@code publicHttpPort} (another instance's, as
     * behind a load balancer) and {@code wsUrls}; waits until it is ready.
     */
    Mediator mediator(String name, int port, int publicHttpPort, List<URI> wsUrls) {
        return mediator(name, port, publicHttpPort, wsUrls, Map.of());
    }

    /** As {@link #mediator(String, int, int, List)}, with extra configuration properties (e.g. push providers). */
    Mediator mediator(String name, int port, int publicHttpPort, List<URI> wsUrls, Map<String, String> config) {
        Path app = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(app)) {
            throw new IllegalStateException("no " + app + ": run the package phase first");
        }
        List<String> props = new ArrayList<>(List.of(
                "-Xmx256m",
                "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dswitchboard.redis.uri=" + redisUri,
                "-Dswitchboard.mediator.key-encryption-key=" + KEK,
                "-Dswitchboard.relay.jwt-secret=" + SECRET,
                "-Dswitchboard.relay.heartbeat-ttl=6s",
                "-Dswitchboard.mediator.public-http-url=http://127.0.0.1:" + publicHttpPort + "/",
                "-Dswitchboard.mediator.public-ws-urls="
                        + String.join(",", wsUrls.stream().map(URI::toString).toList())));
        config.forEach((key, value) -> props.add("-D" + key + "=" + value));
        ChildProcess process = ChildProcess.start(name, ChildProcess.jvm(props, List.of("-jar", app.toString())));
        children.add(process);
        Mediator mediator = new Mediator(process, port);
        awaitReady(mediator, Duration.ofSeconds(180));
        return mediator;
    }

    private static void awaitReady(Mediator mediator, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(mediator.url().resolve("/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ChildProcess.sleep(250);
        }
        throw new IllegalStateException("mediator on " + mediator.port() + " not ready within " + timeout);
    }

    /** {@code GET /invitation} (text/plain). */
    static String invitationUrl(Mediator mediator) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(mediator.url().resolve("/invitation"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (ChildProcess child : children.reversed()) {
            child.close();
        }
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
