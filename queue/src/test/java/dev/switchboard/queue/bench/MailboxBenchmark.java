package dev.switchboard.queue.bench;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.CountingQueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import dev.switchboard.queue.redis.RedisQueue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import redis.embedded.RedisServer;

/**
 * Full-cycle mailbox benchmark (a command, not a test; run {@code queue/bench/run.sh}): enqueue,
 * then deliver (reserve) and acknowledge, 1 KiB messages spread over many recipients, pipelined over
 * one Lettuce connection with a bounded window of outstanding futures.
 *
 * <p>Arguments: {@code <redis-uri|embedded> [messages=200000] [recipients=10000] [window=512]}.
 * Prints one line per phase (throughput, and the CPU time the Redis server and this JVM spent per
 * message, the server's from {@code INFO cpu}), the server's per-command figures ({@code INFO
 * commandstats}), and a summary line {@code FULL_CYCLE_MSGS_PER_S=<n>}.
 */
public final class MailboxBenchmark {

    private MailboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        String target = args.length > 0 ? args[0] : "embedded";
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int recipients = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 512;
        RedisServer embedded = null;
        String uri = target;
        if (target.equals("embedded")) {
            int port = freePort();
            embedded = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .build();
            embedded.start();
            uri = "redis://127.0.0.1:" + port;
        }
        RedisClient infoClient = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> infoConnection = infoClient.connect()) {
            RedisCommands<String, String> info = infoConnection.sync();
            System.out.println("redis: " + field(info.info("server"), "redis_version") + " at " + uri);
            CountingQueueMetrics metrics = new CountingQueueMetrics();
            try (RedisQueue queue = RedisQueue.connect(
                    RedisSettings.of(uri).withKeyPrefix("bench-" + System.nanoTime()),
                    MailboxSettings.defaults(),
                    metrics,
                    Clock.systemUTC())) {
                Mailboxes mailboxes = queue.mailboxes();
                // warm-up (JIT, script cache), not counted: bench.warmup messages, 20 per recipient
                int warmup = Integer.getInteger("bench.warmup", Math.min(100_000, messages));
                Result w = cycle(mailboxes, info, "warmup-", warmup, Math.max(1, warmup / 20), window);
                report("warm-up enqueue (not counted)", warmup, w.enqueue);
                report("warm-up deliver+acknowledge (not counted)", w.delivered, w.deliver);
                info.configResetstat();
                Result r = cycle(mailboxes, info, "run-", messages, recipients, window);
                report("enqueue", messages, r.enqueue);
                report("deliver+acknowledge", r.delivered, r.deliver);
                Phase total = new Phase(
                        r.enqueue.nanos + r.deliver.nanos,
                        r.enqueue.serverMicros + r.deliver.serverMicros,
                        r.enqueue.clientMicros + r.deliver.clientMicros);
                double full = messages / (total.nanos / 1e9);
                System.out.printf(
                        Locale.ROOT,
                        "full cycle: %.0f msgs/s (%d recipients, 1024-byte messages, window %d);"
                                + " CPU per message: redis-server %.1f us, client %.1f us%n",
                        full,
                        recipients,
                        window,
                        total.serverMicros / messages,
                        total.clientMicros / messages);
                System.out.printf(
                        Locale.ROOT,
                        "mean latency: enqueue %.2f ms, reserve %.2f ms, acknowledge %.2f ms (under a full window)%n",
                        metrics.meanNanos(QueueOperation.ENQUEUE) / 1e6,
                        metrics.meanNanos(QueueOperation.RESERVE) / 1e6,
                        metrics.meanNanos(QueueOperation.ACKNOWLEDGE) / 1e6);
                System.out.println("INFO commandstats (measured run; usec is wall time inside the server):");
                for (String line : info.info("commandstats").split("\\r?\\n")) {
                    if (line.startsWith("cmdstat_")) {
                        System.out.println("  " + line);
                    }
                }
                System.out.printf(Locale.ROOT, "FULL_CYCLE_MSGS_PER_S=%.0f%n", full);
                if (r.delivered != messages) {
                    throw new IllegalStateException("delivered " + r.delivered + " of " + messages);
                }
            }
        } finally {
            infoClient.shutdown();
            if (embedded != null) {
                embedded.stop();
            }
        }
    }

    /** One phase: wall time, and CPU time of the Redis server and of this JVM (all threads). */
    private record Phase(long nanos, double serverMicros, double clientMicros) {}

    private record Result(Phase enqueue, Phase deliver, long delivered) {}

    private static void report(String what, long messages, Phase phase) {
        System.out.printf(
                Locale.ROOT,
                "%s: %d msgs in %.2f s = %.0f msgs/s; CPU per message: redis-server %.1f us, client %.1f us%n",
                what,
                messages,
                phase.nanos / 1e9,
                messages / (phase.nanos / 1e9),
                phase.serverMicros / messages,
                phase.clientMicros / messages);
    }

    private static Result cycle(
            Mailboxes mailboxes,
            RedisCommands<String, String> info,
            String idPrefix,
            int messages,
            int recipients,
            int window)
            throws InterruptedException {
        byte[] body = new byte[1024];
        Arrays.fill(body, (byte) 'x');
        Semaphore permits = new Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Instant now = Instant.now();

        double s0 = serverCpuMicros(info);
        double c0 = clientCpuMicros();
        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            permits.acquire();
            mailboxes
                    .enqueue(idPrefix + "r" + (i % recipients), idPrefix + i, body, now, null)
                    .whenComplete((result, error) -> {
                        if (error != null || !(result instanceof EnqueueResult.Stored)) {
                            failure.compareAndSet(
                                    null, error != null ? error : new IllegalStateException(String.valueOf(result)));
                        }
                        permits.release();
                    });
        }
        permits.acquire(window);
        permits.release(window);
        long t1 = System.nanoTime();
        double s1 = serverCpuMicros(info);
        double c1 = clientCpuMicros();

        AtomicLong delivered = new AtomicLong();
        int perRecipient = (messages + recipients - 1) / recipients;
        DeliveryRequest request = DeliveryRequest.of(Math.max(1, perRecipient), "bench", Duration.ofMinutes(5));
        for (int r = 0; r < recipients; r++) {
            String recipient = idPrefix + "r" + r;
            permits.acquire();
            mailboxes
                    .reserve(recipient, request)
                    .thenCompose(batch -> {
                        List<String> ids =
                                batch.stream().map(Delivery::messageId).toList();
                        return ids.isEmpty()
                                ? CompletableFuture.completedFuture(0)
                                : mailboxes.acknowledge(recipient, ids);
                    })
                    .whenComplete((acked, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else {
                            delivered.addAndGet(acked);
                        }
                        permits.release(); // after counting: the main thread reads once all permits are back
                    });
        }
        permits.acquire(window);
        permits.release(window);
        long t2 = System.nanoTime();
        double s2 = serverCpuMicros(info);
        double c2 = clientCpuMicros();
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark operation failed", failure.get());
        }
        return new Result(new Phase(t1 - t0, s1 - s0, c1 - c0), new Phase(t2 - t1, s2 - s1, c2 - c1), delivered.get());
    }

    /** The Redis server's CPU time (user + system, all its threads) in microseconds, from INFO cpu. */
    private static double serverCpuMicros(RedisCommands<String, String> info) {
        String cpu = info.info("cpu");
        return (Double.parseDouble(field(cpu, "used_cpu_sys")) + Double.parseDouble(field(cpu, "used_cpu_user"))) * 1e6;
    }

    private static String field(String info, String name) {
        for (String line : info.split("\\r?\\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException("INFO has no " + name);
    }

    /** This JVM's CPU time (all threads) in microseconds. */
    private static double clientCpuMicros() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun
                ? sun.getProcessCpuTime() / 1e3
                : Double.NaN;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
