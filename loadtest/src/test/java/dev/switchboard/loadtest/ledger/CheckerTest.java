package dev.switchboard.loadtest.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckerTest {
    private static final String WALLET = "walletA";

    /** Ten messages to one wallet, one every 100 ms from t = 1 s, each acknowledged 5 ms and received 20 ms later. */
    private static List<History.Acknowledged> tenAcks() {
        List<History.Acknowledged> acks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long sent = 1_000_000 + i * 100_000L;
            acks.add(new History.Acknowledged("m" + i, WALLET, sent, sent + 5_000));
        }
        return acks;
    }

    private static List<History.Receipt> receiptsOf(List<History.Acknowledged> acks) {
        List<History.Receipt> receipts = new ArrayList<>();
        long order = 0;
        for (History.Acknowledged a : acks) {
            receipts.add(new History.Receipt(a.id(), a.sentMicros() + 20_000, ++order, 1));
        }
        return receipts;
    }

    @Test
    void aCleanHistoryIsValidAndEveryMessageDelivered() {
        List<History.Acknowledged> acks = tenAcks();

        Verdict v = Checker.check(new History(acks, receiptsOf(acks), Set.of()), List.of());

        assertThat(v.valid()).isTrue();
        assertThat(v.delivered()).isEqualTo(10);
        assertThat(v.lost() + v.recovered() + v.duplicated() + v.unexpected() + v.reordered())
                .isZero();
        assertThat(v.summary()).endsWith("CHECKER: VALID\n");
        assertThat(v.toJson()).startsWith("{\"valid\":true,\"acknowledged\":10,\"delivered\":10,");
    }

    @Test
    void aLostMessageFailsTheRun() {
        List<History.Acknowledged> acks = tenAcks();
        List<History.Receipt> receipts = receiptsOf(acks);
        receipts.remove(4); // m4 acknowledged, never received

        Verdict v = Checker.check(new History(acks, receipts, Set.of()), List.of());

        assertThat(v.valid()).isFalse();
        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.lostIds()).containsExactly("m4");
        assertThat(v.delivered()).isEqualTo(9);
        assertThat(v.summary()).contains("lost=1").endsWith("CHECKER: INVALID\n");
    }

    @Test
    void aDuplicatedMessageIsCountedButAllowed() {
        List<History.Acknowledged> acks = tenAcks();
        List<History.Receipt> receipts = receiptsOf(acks);
        History.Receipt r = receipts.get(2);
        receipts.set(2, new History.Receipt(r.id(), r.receivedMicros(), r.order(), 3)); // m2 received three times

        Verdict v = Checker.check(new History(acks, receipts, Set.of()), List.of());

        assertThat(v.duplicated()).isEqualTo(1);
        assertThat(v.duplicateReceipts()).isEqualTo(2);
        assertThat(v.delivered()).isEqualTo(10);
        assertThat(v.valid())
                .as("at-least-once: duplicates do not fail the run")
                .isTrue();
    }

    @Test
    void anUnexpectedMessageFailsTheRunButAnIndeterminateSendDoesNot() {
        List<History.Acknowledged> acks = tenAcks();
        List<History.Receipt> receipts = receiptsOf(acks);
        receipts.add(new History.Receipt("never-sent", 3_000_000, 11, 1));
        receipts.add(new History.Receipt("202-lost", 3_100_000, 12, 1));

        Verdict v = Checker.check(new History(acks, receipts, Set.of("202-lost")), List.of());

        assertThat(v.valid()).isFalse();
        assertThat(v.unexpected()).isEqualTo(1);
        assertThat(v.unexpectedIds()).containsExactly("never-sent");
        assertThat(v.indeterminate()).isEqualTo(1);
        assertThat(v.lost()).isZero();
    }

    @Test
    void messagesReceivedOnlyAfterTheHealAreRecoveredAndTimed() {
        List<History.Acknowledged> acks = tenAcks();
        List<History.Receipt> receipts = receiptsOf(acks);
        // a fault from 1.25 s to 1.45 s: m3 (ack 1.305 s) and m4 (ack 1.405 s) held until 2.0 s and 2.5 s
        receipts.set(3, new History.Receipt("m3", 2_000_000, 4, 1));
        receipts.set(4, new History.Receipt("m4", 2_500_000, 5, 1));
        FaultWindow fault = new FaultWindow("SIGSTOP relay-0 (0.2 s)", 1_250_000, 1_450_000);

        Verdict v = Checker.check(new History(acks, receipts, Set.of()), List.of(fault));

        assertThat(v.valid()).isTrue();
        assertThat(v.recovered()).isEqualTo(2);
        assertThat(v.delivered()).isEqualTo(8);
        Verdict.WindowFigures w = v.windows().get(0);
        assertThat(w.outstandingAtHeal()).isEqualTo(2);
        assertThat(w.recoveryMicros()).isEqualTo(2_500_000 - 1_450_000);
        assertThat(w.medianArrivalMicros()).isEqualTo(2_000_000 - 1_450_000);
        // acknowledged from 1.25 s until 2.5 s: m3..m9; the slowest, m4, took 1.1 s
        assertThat(w.messages()).isEqualTo(7);
        assertThat(w.p99Micros()).isEqualTo(2_500_000 - 1_400_000);
        assertThat(v.summary()).contains("time to recover 1.1 s");
    }

    @Test
    void aWindowWithALostMessageIsNotRecovered() {
        List<History.Acknowledged> acks = tenAcks();
        List<History.Receipt> receipts = receiptsOf(acks);
        receipts.remove(0);
        FaultWindow kill = new FaultWindow("SIGKILL mediator-0", 1_010_000, 1_010_000);

        Verdict v = Checker.check(new History(acks, receipts, Set.of()), List.of(kill));

        assertThat(v.windows().get(0).recoveryMicros()).isEqualTo(-1);
        assertThat(v.windows().get(0).lost()).isEqualTo(1);
        assertThat(v.windows().get(0).summary()).contains("NOT RECOVERED");
        assertThat(v.toJson()).contains("\"recovery_ms\":-1.0");
    }

    @Test
    void aMessageOvertakenByOneSentAfterIts202IsReordered() {
        List<History.Acknowledged> acks = tenAcks();
        List<History.Receipt> receipts = receiptsOf(acks);
        // m7 arrives first of all (redelivered late messages behind it): m0..m6 were acknowledged before m7 was sent
        receipts.set(7, new History.Receipt("m7", 1_720_000, 0, 1));
        // another wallet's order is its own
        List<History.Acknowledged> all = new ArrayList<>(acks);
        all.add(new History.Acknowledged("other", "walletB", 5_000_000, 5_000_100));
        receipts.add(new History.Receipt("other", 5_000_200, -1, 1));

        Verdict v = Checker.check(new History(all, receipts, Set.of()), List.of());

        assertThat(v.reordered()).isEqualTo(7);
        assertThat(v.valid()).isTrue();
    }

    @Test
    void concurrentSendsMayArriveInEitherOrder() {
        // b was sent before a's 202 came back: no order between them
        List<History.Acknowledged> acks = List.of(
                new History.Acknowledged("a", WALLET, 1_000, 5_000),
                new History.Acknowledged("b", WALLET, 2_000, 3_000));
        List<History.Receipt> receipts =
                List.of(new History.Receipt("b", 6_000, 1, 1), new History.Receipt("a", 7_000, 2, 1));

        assertThat(Checker.check(new History(acks, receipts, Set.of()), List.of())
                        .reordered())
                .isZero();
    }

    @Test
    void theLedgersHistoryFeedsTheChecker() {
        Ledger ledger = new Ledger();
        ledger.sent("a", 1_000, true, WALLET);
        ledger.sent("b", 2_000, true, WALLET);
        ledger.refused("c");
        ledger.received("a", 1_000, 6_000);
        ledger.received("a", 1_000, 7_000);
        ledger.received("c", 0, 8_000);
        ledger.received("z", 0, 9_000);

        History h = ledger.history();
        Verdict v = Checker.check(h, List.of());

        assertThat(h.acknowledged()).extracting(History.Acknowledged::recipient).containsOnly(WALLET);
        assertThat(h.acknowledged())
                .allSatisfy(a -> assertThat(a.acknowledgedMicros()).isGreaterThan(a.sentMicros()));
        assertThat(v.lostIds()).containsExactly("b");
        assertThat(v.duplicated()).isEqualTo(1);
        assertThat(v.indeterminate()).isEqualTo(1);
        assertThat(v.unexpectedIds()).containsExactly("z");
    }
}
