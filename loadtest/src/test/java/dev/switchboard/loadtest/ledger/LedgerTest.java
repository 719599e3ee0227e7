package dev.switchboard.loadtest.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void countsLostDuplicatesAndUnexpected() {
        Ledger ledger = new Ledger();
        ledger.sent("a", 1_000);
        ledger.sent("b", 2_000);
        ledger.sent("c", 3_000);
        ledger.refused();
        ledger.received("a", 1_000, 6_000);
        ledger.received("a", 1_000, 9_000); // redelivered: a duplicate, not a second latency sample
        ledger.received("b", 2_000, 4_000);
        ledger.received("z", 0, 5_000); // received but its 202 never came back

        LedgerReport report = ledger.report();

        assertThat(report.acknowledged()).isEqualTo(3);
        assertThat(report.refused()).isEqualTo(1);
        assertThat(report.received()).isEqualTo(3);
        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.unexpected()).isEqualTo(1);
        assertThat(report.p50Micros()).isEqualTo(2_000);
        assertThat(report.maxMicros()).isEqualTo(5_000);
        assertThat(report.toJson()).contains("\"lost\":1", "\"duplicates\":1");
    }

    @Test
    void keepsLatencyOfMessagesToOfflineWalletsApart() {
        Ledger ledger = new Ledger();
        ledger.sent("live", 1_000, true);
        ledger.sent("queued", 1_000, false);
        ledger.received("live", 1_000, 3_000);
        ledger.received("queued", 1_000, 5_001_000);

        LedgerReport report = ledger.report();

        assertThat(report.p99Micros()).isEqualTo(2_000);
        assertThat(report.offlineReceived()).isEqualTo(1);
        assertThat(report.offlineMaxMicros()).isEqualTo(5_000_000);
        assertThat(report.lost()).isZero();
    }

    @Test
    void recoveryIsTheTimeUntilEverythingSentBeforeTheFaultArrived() {
        Ledger ledger = new Ledger();
        ledger.sent("before", 1_000);
        ledger.sent("after", 20_000);
        ledger.received("after", 20_000, 21_000);

        assertThat(ledger.recoveryMicros(10_000)).isEqualTo(-1); // "before" still missing

        ledger.received("before", 1_000, 250_000);
        assertThat(ledger.recoveryMicros(10_000)).isEqualTo(240_000);
    }
}
