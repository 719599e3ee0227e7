package dev.switchboard.mediator.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.RedisStreamLogProfile;
import dev.switchboard.mediator.testing.TestWallet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard.inbound.log=redis-stream} on a real Redis: a forward is answered 202 once in the stream and
 * reaches the mailbox through the consumer group (the queue's {@code StreamInboundLogIT} covers the reclaim of
 * a dead member's entries).
 */
@QuarkusTest
@TestProfile(RedisStreamLogProfile.class)
class RedisStreamInboundLogTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    MediatorIdentity identity;

    @Inject
    MeterRegistry meters;

    private double appended() {
        Counter counter = meters.find("switchboard.queue.log.appended").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aForwardIsAppendedAnsweredAndStoredByTheGroup() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        double before = appended();
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(202);
        assertThat(appended()).isEqualTo(before + 1);
        await().atMost(WAIT).until(() -> Flows.pendingCount(wallet) == 1);
    }
}
