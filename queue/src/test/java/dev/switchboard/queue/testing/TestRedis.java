package dev.switchboard.queue.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * A real Redis for integration tests: the one at {@code REDIS_URL} when set, else the embedded real
 * binary (Redis 6.2) on a random free loopback port. Each instance hands out a fresh key prefix, so
 * tests never see each other's keys even on a shared external server.
 */
public final class TestRedis implements AutoCloseable {

    private final @Nullable RedisServer server;
    private final String uri;

    private TestRedis(@Nullable RedisServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    /** Starts (or attaches to) a Redis server. */
    public static TestRedis start() {
        String external = System.getenv("REDIS_URL");
        if (external != null && !external.isBlank()) {
            return new TestRedis(null, external);
        }
        int port = freePort();
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 512mb")
                    .build();
            server.start();
            return new TestRedis(server, "redis://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free TCP port on loopback (may race with other processes; good enough for tests). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's URI. */
    public String uri() {
        return uri;
    }

    /** A key prefix no other test uses. */
    public static String freshPrefix() {
        return "sbtest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
