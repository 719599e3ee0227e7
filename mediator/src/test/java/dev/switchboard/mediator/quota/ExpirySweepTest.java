package dev.switchboard.mediator.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.testing.QuotaProfile;
import dev.switchboard.queue.mailbox.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Expiry without a client (issue 13, hole 1d): a mailbox nobody touches loses its expired messages (with a dead
 * letter) to the sweep, against the real queue in Redis.
 */
@QuarkusTest
@TestProfile(QuotaProfile.class)
class ExpirySweepTest {
    @Inject
    ExpirySweep sweep;

    @Inject
    Mailboxes mailboxes;

    @Test
    void anAbandonedMailboxLosesItsExpiredMessages() {
        String wallet = "abandoned-" + UUID.randomUUID();
        // received 15 days ago with the default time to live (14 d): expired, but nobody picks up
        Instant received = Instant.now().minus(Duration.ofDays(15));
        mailboxes
                .enqueue(wallet, "m1", "{\"old\":true}".getBytes(StandardCharsets.UTF_8), received, null)
                .toCompletableFuture()
                .join();
        assertThat(mailboxes.deadLetters(wallet, 10).toCompletableFuture().join())
                .isEmpty();

        assertThat(sweep.sweep(Instant.now())).isGreaterThanOrEqualTo(1);

        assertThat(mailboxes.deadLetters(wallet, 10).toCompletableFuture().join())
                .singleElement()
                .satisfies(d -> assertThat(d.messageId()).isEqualTo("m1"));
        assertThat(mailboxes.status(wallet).toCompletableFuture().join().pendingCount())
                .isZero();
    }
}
