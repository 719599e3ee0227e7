package dev.switchboard.mediator.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.KafkaLogProfile;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.mediator.testing.TestWalletV2;
import dev.switchboard.queue.inbound.InboundConsumer;
import dev.switchboard.queue.inbound.InboundEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard.inbound.log=kafka} against a real in-process KRaft broker and a real Redis: a forward is
 * answered 202 once appended and reaches the mailbox through the consumer group; an unknown recipient and a full
 * mailbox are still refused before any append; a group member that dies between enqueue and commit, or between append and
 * enqueue, costs no message and stores none twice.
 */
@QuarkusTest
@TestProfile(KafkaLogProfile.class)
class KafkaInboundLogTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    MediatorIdentity identity;

    @Inject
    MediatorDid mediator;

    @Inject
    InboundLogs logs;

    @Inject
    InboundLogConsumer consumer;

    @Inject
    MeterRegistry meters;

    private double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRoutingV1ForwardIsAppendedAnsweredAndStoredByTheGroup() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        double appended = count("switchboard.queue.log.appended");
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(202);
        assertThat(count("switchboard.queue.log.appended")).isEqualTo(appended + 1);
        await().atMost(WAIT).until(() -> Flows.pendingCount(wallet) == 1);
        assertThat(meters.find("switchboard.inbound.log.lag").gauge()).isNotNull();
        await().atMost(WAIT)
                .until(() -> meters.find("switchboard.inbound.log.lag").gauge().value() == 0);
    }

    @Test
    void aRoutingV2ForwardIsAppendedAnsweredAndStoredByTheGroup() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(wallet, wallet.did());
        double appended = count("switchboard.queue.log.appended");
        assertThat(TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), null))
                        .statusCode())
                .isEqualTo(202);
        assertThat(count("switchboard.queue.log.appended")).isEqualTo(appended + 1);
        await().atMost(WAIT).until(() -> FlowsV2.pendingCount(wallet) == 1);
    }

    @Test
    void aForwardToAnUnknownKeyIsRefusedBeforeAnyAppend() {
        double appended = count("switchboard.queue.log.appended");
        String unknown = Ed25519Keys.didKey(Flows.freshVerkey());
        assertThat(TestWallet.post(Flows.forward(identity, unknown, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(400);
        assertThat(count("switchboard.queue.log.appended")).isEqualTo(appended);
    }

    @Test
    void aForwardToAFullMailboxIsRefusedBeforeTheAppendAsWithoutALog() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        for (int i = 0; i < KafkaLogProfile.MAX_MESSAGES; i++) {
            assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                            .statusCode())
                    .isEqualTo(202);
        }
        await().atMost(WAIT).until(() -> Flows.pendingCount(wallet) == KafkaLogProfile.MAX_MESSAGES);
        double appended = count("switchboard.queue.log.appended");
        var refused = TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()));
        assertThat(refused.statusCode()).isEqualTo(507);
        assertThat(refused.jsonPath().getString("code")).isEqualTo("e.p.me.res.storage");
        assertThat(count("switchboard.queue.log.appended")).isEqualTo(appended);
    }

    @Test
    void aMemberKilledBetweenEnqueueAndCommitOrBeforeEnqueueLosesNothingAndStoresNothingTwice() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add(Flows.registerRecipientKey(wallet));
        }
        // a second member joins the group and gets part of the partitions
        InboundConsumer doomed = logs.log().orElseThrow().consumer("doomed");
        try {
            List<InboundEntry> taken = new ArrayList<>();
            long joined = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < joined) {
                taken.addAll(doomed.poll(64, Duration.ofMillis(200)));
            }
            assertThat(taken).as("nothing was appended yet").isEmpty();
            int forwards = 0;
            for (String key : keys) {
                for (int j = 0; j < 3; j++) {
                    assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                                    .statusCode())
                            .isEqualTo(202);
                    forwards++;
                    taken.addAll(doomed.poll(64, Duration.ZERO)); // stays a live member meanwhile
                }
            }
            long quiet = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quiet) {
                taken.addAll(doomed.poll(64, Duration.ofMillis(200)));
            }
            assertThat(taken).as("the doomed member owns some partitions").isNotEmpty();
            assertThat(taken.size()).as("and the live member the others").isLessThan(forwards);
            double duplicates = count("switchboard.inbound.log.processed", "result", "duplicate");
            // it stores half of what it took, as a mediator's consumer does, and dies before committing
            int enqueued = taken.size() / 2;
            taken.subList(0, enqueued).forEach(consumer::process);

            // it never polls again: evicted after max.poll.interval.ms, its partitions go to the live member,
            // which reads them again from the last commit
            int expected = forwards;
            await().atMost(WAIT).until(() -> Flows.pendingCount(wallet) == expected);
            await().atMost(WAIT)
                    .until(() ->
                            count("switchboard.inbound.log.processed", "result", "duplicate") >= duplicates + enqueued);
            assertThat(Flows.pendingCount(wallet))
                    .as("every forward stored once")
                    .isEqualTo(forwards);
        } finally {
            doomed.close();
        }
    }
}
