package dev.switchboard.queue.bench;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.CountingQueueMetrics;
import dev.switchboard.queue.redis.RedisQueue;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Prints one line per phase and a summary line {@code FULL_CYCLE_MSGS_PER_S=<n>}.
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
        try {
            CountingQueueMetrics metrics = new CountingQueueMetrics();
            try (RedisQueue queue = RedisQueue.connect(
                    RedisSettings.of(uri).withKeyPrefix("bench-" + System.nanoTime()),
                    MailboxSettings.defaults(),
                    metrics,
                    Clock.systemUTC())) {
                Mailboxes mailboxes = queue.mailboxes();
                // warm-up: JIT, script cache
                cycle(mailboxes, "warmup-", Math.min(20_000, messages), Math.min(2_000, recipients), window, false);
                Result r = cycle(mailboxes, "run-", messages, recipients, window, true);
                System.out.printf(
                        Locale.ROOT,
                        "enqueue: %d msgs in %.2f s = %.0f msgs/s%n",
                        messages,
                        r.enqueueNanos / 1e9,
                        messages / (r.enqueueNanos / 1e9));
                System.out.printf(
                        Locale.ROOT,
                        "deliver+acknowledge: %d msgs in %.2f s = %.0f msgs/s%n",
                        r.delivered,
                        r.deliverNanos / 1e9,
                        r.delivered / (r.deliverNanos / 1e9));
                double full = messages / ((r.enqueueNanos + r.deliverNanos) / 1e9);
                System.out.printf(
                        Locale.ROOT,
                        "full cycle: %.0f msgs/s (%d recipients, 1024-byte messages, window %d)%n",
                        full,
                        recipients,
                        window);
                System.out.printf(
                        Locale.ROOT,
                        "mean latency: enqueue %.2f ms, reserve %.2f ms, acknowledge %.2f ms (under a full window)%n",
                        metrics.meanNanos(dev.switchboard.queue.metrics.QueueOperation.ENQUEUE) / 1e6,
                        metrics.meanNanos(dev.switchboard.queue.metrics.QueueOperation.RESERVE) / 1e6,
                        metrics.meanNanos(dev.switchboard.queue.metrics.QueueOperation.ACKNOWLEDGE) / 1e6);
                System.out.printf(Locale.ROOT, "FULL_CYCLE_MSGS_PER_S=%.0f%n", full);
                if (r.delivered != messages) {
                    throw new IllegalStateException("delivered " + r.delivered + " of " + messages);
                }
            }
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
        }
    }

    private record Result(long enqueueNanos, long deliverNanos, long delivered) {}

    private static Result cycle(
            Mailboxes mailboxes, String idPrefix, int messages, int recipients, int window, boolean measured)
            throws InterruptedException {
        byte[] body = new byte[1024];
        java.util.Arrays.fill(body, (byte) 'x');
        Semaphore permits = new Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Instant now = Instant.now();

        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            permits.acquire();
            mailboxes
                    .enqueue(idPrefix + "r" + (i % recipients), idPrefix + i, body, now, null)
                    .whenComplete((result, error) -> {
                        if (error != null || !(result instanceof EnqueueResult.Stored)) {
                            failure.compareAndSet(
                                    null, error != null ? error : new IllegalStateException(result.toString()));
                        }
                        permits.release();
                    });
        }
        permits.acquire(window);
        permits.release(window);
        long t1 = System.nanoTime();

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
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark operation failed", failure.get());
        }
        return new Result(t1 - t0, t2 - t1, delivered.get());
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
