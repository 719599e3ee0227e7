package dev.switchboard.queue.redis;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.QueueMetrics;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The child JVM of {@link CrashIT}: enqueues and acknowledges under load until it is killed.
 * Protocol in a log file, one line each: {@code E <recipient> <id>} after an enqueue's stage completed
 * (what ingress would answer 202 for), {@code A <recipient> <id>} <em>before</em> asking to
 * acknowledge (so a kill between the acknowledgement and its report cannot look like a loss). A file,
 * not stdout: each line is one unbuffered write(2), which the kernel keeps when the process is killed,
 * whereas the tail of a pipe can be lost to the reading side when the JDK closes it at process exit.
 *
 * <p>Arguments: redis URI, key prefix, number of recipients, log file.
 */
public final class CrashChild {

    private static PrintStream out;

    private CrashChild() {}

    public static void main(String[] args) throws InterruptedException, FileNotFoundException {
        String uri = args[0];
        String prefix = args[1];
        int recipients = Integer.parseInt(args[2]);
        out = new PrintStream(new FileOutputStream(args[3], true), true, StandardCharsets.UTF_8);
        RedisQueue queue = RedisQueue.connect(
                RedisSettings.of(uri).withKeyPrefix(prefix),
                MailboxSettings.defaults(),
                QueueMetrics.NOOP,
                Clock.systemUTC());
        Mailboxes mailboxes = queue.mailboxes();
        say("READY");
        for (int t = 0; t < 2; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> produce(mailboxes, thread, recipients));
            Thread.ofPlatform().start(() -> consume(mailboxes, thread, recipients));
        }
        Thread.sleep(Duration.ofMinutes(5)); // killed long before
    }

    private static void produce(Mailboxes mailboxes, int thread, int recipients) {
        Semaphore inFlight = new Semaphore(64);
        byte[] body = new byte[512];
        for (long n = 0; ; n++) {
            String recipient = "r" + (n % recipients);
            String id = "m-" + thread + "-" + n;
            inFlight.acquireUninterruptibly();
            mailboxes.enqueue(recipient, id, body, Instant.now(), null).whenComplete((result, error) -> {
                inFlight.release();
                if (error == null && result.accepted()) {
                    say("E " + recipient + " " + id);
                }
            });
        }
    }

    private static void consume(Mailboxes mailboxes, int thread, int recipients) {
        for (long n = thread; ; n++) {
            String recipient = "r" + (n % recipients);
            List<Delivery> batch = mailboxes
                    .reserve(recipient, DeliveryRequest.of(20, "child-" + thread, Duration.ofSeconds(1)))
                    .toCompletableFuture()
                    .join();
            if (batch.isEmpty()) {
                continue;
            }
            for (Delivery d : batch) {
                say("A " + recipient + " " + d.messageId());
            }
            mailboxes
                    .acknowledge(
                            recipient, batch.stream().map(Delivery::messageId).toList())
                    .toCompletableFuture()
                    .join();
        }
    }

    private static void say(String line) {
        synchronized (CrashChild.class) {
            out.println(line);
        }
    }
}
