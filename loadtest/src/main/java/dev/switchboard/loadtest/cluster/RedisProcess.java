package dev.switchboard.loadtest.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's {@code redis-server} (package {@code redis-server}, 7.0 on bookworm) as a child process, for faults
 * the embedded Redis cannot take (SIGKILL and restart, SIGSTOP): bound to 127.0.0.1, no RDB snapshots, the
 * append-only file on with {@code appendfsync} as given ({@code everysec}: a host crash may lose the last
 * second of acknowledged writes; {@code always}: fsync before each reply), kept in {@code <runDir>/redis} so a
 * restarted server reloads it (<a href="https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/">Redis
 * persistence</a>).
 */
final class RedisProcess {
    private RedisProcess() {}

    /**
     * Starts redis-server on {@code port}.
     *
     * @param appendfsync {@code always}, {@code everysec} or {@code no}
     * @throws IllegalStateException when no redis-server binary is installed
     */
    static ChildProcess start(Path runDir, int port, String appendfsync) {
        if (!List.of("always", "everysec", "no").contains(appendfsync)) {
            throw new IllegalArgumentException(
                    "appendfsync: %s (expected: always, everysec or no)".formatted(appendfsync));
        }
        try {
            Path dir = Files.createDirectories(runDir.resolve("redis"));
            return ChildProcess.start(
                    "redis-server",
                    List.of(
                            binary(),
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--protected-mode",
                            "no",
                            "--daemonize",
                            "no",
                            "--save",
                            "",
                            "--appendonly",
                            "yes",
                            "--appendfsync",
                            appendfsync,
                            "--dir",
                            dir.toString()),
                    runDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + runDir.resolve("redis"), e);
        }
    }

    /**
     * Waits until the server answers {@code PING} with {@code +PONG} (it has loaded its append-only file).
     *
     * @throws IllegalStateException when it exits or does not answer within {@code timeout}
     */
    static void awaitReady(ChildProcess redis, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!redis.alive()) {
                throw new IllegalStateException("redis-server exited during startup:\n" + redis.tail(20));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(1000);
                OutputStream out = s.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] reply = in.readNBytes(7);
                if (new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet, or loading (-LOADING)
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("redis-server not ready on port " + port + ":\n" + redis.tail(20));
    }

    private static String binary() {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException("redis-server not installed: run `apt-get install -y redis-server` (as root)"
                + " or run without -Dloadtest.systemRedis=true");
    }
}
