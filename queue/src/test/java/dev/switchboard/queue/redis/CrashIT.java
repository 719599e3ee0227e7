package dev.switchboard.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.testing.MutableClock;
import dev.switchboard.queue.testing.TestRedis;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A child JVM enqueues and acknowledges under load and is killed with SIGKILL at a random moment.
 * Every message whose enqueue it reported complete must afterwards be in the mailbox, or be one the
 * recipient side acknowledged.
 */
class CrashIT {

    private static final int RECIPIENTS = 50;

    @Test
    void noAcknowledgedMessageIsLostWhenTheWriterIsKilled() throws Exception {
        try (TestRedis redis = TestRedis.start()) {
            String prefix = TestRedis.freshPrefix();
            String java = ProcessHandle.current().info().command().orElse("java");
            Path log = Files.createTempFile("crash-child", ".log");
            Process child = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                            CrashChild.class.getName(),
                            redis.uri(),
                            prefix,
                            Integer.toString(RECIPIENTS),
                            log.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Set<String> enqueued = new HashSet<>();
            Set<String> acknowledging = new HashSet<>();
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (read(log, enqueued, acknowledging) < 500 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                Thread.sleep(ThreadLocalRandom.current().nextLong(50, 1500)); // a random moment under load
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            read(log, enqueued, acknowledging); // everything the child wrote before it died
            Files.delete(log);
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            assertThat(enqueued).as("the child was under load").hasSizeGreaterThan(500);
            assertThat(acknowledging).as("the child delivered").isNotEmpty();

            // leases of the dead child's deliveries: look from a minute later, so they have ended
            MutableClock later = new MutableClock(Instant.now().plus(Duration.ofMinutes(1)));
            Set<String> remaining = new HashSet<>();
            try (RedisQueue queue = RedisQueue.connect(
                    RedisSettings.of(redis.uri()).withKeyPrefix(prefix),
                    MailboxSettings.defaults(),
                    QueueMetrics.NOOP,
                    later)) {
                for (int r = 0; r < RECIPIENTS; r++) {
                    String recipient = "r" + r;
                    for (List<Delivery> batch;
                            !(batch = MailboxIT.join(queue.mailboxes()
                                            .reserve(
                                                    recipient,
                                                    DeliveryRequest.of(1000, "verifier", Duration.ofHours(1)))))
                                    .isEmpty(); ) {
                        batch.forEach(d -> remaining.add(recipient + " " + d.messageId()));
                    }
                }
            }
            Set<String> lost = new HashSet<>(enqueued);
            lost.removeAll(remaining);
            lost.removeAll(acknowledging);
            assertThat(lost)
                    .as("acknowledged by ingress, neither in the mailbox nor acknowledged by the recipient")
                    .isEmpty();
            Set<String> acknowledgedAndStillThere = new HashSet<>(acknowledging);
            acknowledgedAndStillThere.retainAll(remaining);
            assertThat(acknowledgedAndStillThere.size())
                    .as("at most the child's last, interrupted acknowledgements are still in the mailbox")
                    .isLessThanOrEqualTo(2 * 20);
            System.out.printf(
                    "CrashIT: %d enqueued, %d acknowledging, %d remaining, killed with %s%n",
                    enqueued.size(), acknowledging.size(), remaining.size(), new File(java).getName());
        }
    }

    /** Reads the child's log into the two sets (a torn last line is skipped); returns the enqueued count. */
    private static int read(Path log, Set<String> enqueued, Set<String> acknowledging) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals("E")) {
                enqueued.add(f[1] + " " + f[2]);
            } else if (f.length == 3 && f[0].equals("A")) {
                acknowledging.add(f[1] + " " + f[2]);
            }
        }
        return enqueued.size();
    }
}
