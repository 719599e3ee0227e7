package dev.switchboard.loadtest.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTest {
    private static final String SWITCHBOARD = "{\"run\":\"r1\",\"wallets\":20,\"onboarded\":20,\"wallet_errors\":0,"
            + "\"rate\":40.0,\"ledger\":{\"acknowledged\":2000,\"refused\":0,\"received\":2000,\"lost\":0,"
            + "\"duplicates\":0,\"unexpected\":0,\"seconds\":50.1,\"received_per_second\":39.9,\"p50_ms\":4.2,"
            + "\"p95_ms\":7.0,\"p99_ms\":12.5,\"max_ms\":40.0,\"offline_received\":0,\"offline_p50_ms\":0.0,"
            + "\"offline_p99_ms\":0.0,\"offline_max_ms\":0.0},\"checker\":{},\"recovery_ms\":{},\"processes\":[],"
            + "\"cpu_window\":{\"seconds\":50.0,\"forwards\":2000,\"total_ms\":3000,\"load_start\":\"1.00 2.00 3.00\","
            + "\"load_end\":\"1.50 2.00 3.00\",\"processes\":[{\"name\":\"relay-0\",\"pid\":11,\"cpu_ms\":500},"
            + "{\"name\":\"mediator-0\",\"pid\":12,\"cpu_ms\":2000},{\"name\":\"redis-server\",\"pid\":13,"
            + "\"cpu_ms\":500}]}}";

    @Test
    void readsAReportAndComputesCpuPerForward() {
        SideBySide.Row row = SideBySide.read("Switchboard", SWITCHBOARD);

        assertThat(row.rate()).isEqualTo(40.0);
        assertThat(row.acknowledged()).isEqualTo(2000);
        assertThat(row.lossless()).isTrue();
        assertThat(row.p99Ms()).isEqualTo(12.5);
        assertThat(row.queued()).isFalse();
        assertThat(row.cpuPerForwardMs()).isEqualTo(1.5);
        assertThat(row.windowForwards()).isEqualTo(2000);
        assertThat(row.pushes()).isEqualTo(-1);
    }

    @Test
    void cpuIsDividedByTheForwardsOfTheWindowNotOfTheRun() {
        SideBySide.Row row =
                SideBySide.read("Switchboard", SWITCHBOARD.replace("\"forwards\":2000", "\"forwards\":1500"));

        assertThat(row.cpuPerForwardMs()).isEqualTo(2.0);
        assertThat(SideBySide.table(List.of(row))).contains("| 50 (1500) |");
    }

    @Test
    void aRunWithALossOrARefusalIsNotLossless() {
        SideBySide.Row lost = SideBySide.read(
                "x", SWITCHBOARD.replace("\"received\":2000,\"lost\":0", "\"received\":1999,\"lost\":1"));
        SideBySide.Row refused = SideBySide.read("x", SWITCHBOARD.replace("\"refused\":0", "\"refused\":3"));

        assertThat(lost.lossless()).isFalse();
        assertThat(refused.lossless()).isFalse();
        assertThat(SideBySide.table(List.of(refused))).contains("| NO (3 refused) |");
    }

    @Test
    void queuedMessagesUseTheOfflineLatenciesAndPushesGetAColumn() {
        String offline = SWITCHBOARD
                .replace(
                        "\"offline_received\":0,\"offline_p50_ms\":0.0,\"offline_p99_ms\":0.0",
                        "\"offline_received\":2000,\"offline_p50_ms\":61000.0,\"offline_p99_ms\":70000.0")
                .replace("}}", "},\"push_webhook_requests\":37}");
        SideBySide.Row row = SideBySide.read("push on", offline);

        assertThat(row.queued()).isTrue();
        assertThat(row.p50Ms()).isEqualTo(61000.0);
        assertThat(row.pushes()).isEqualTo(37);
        String table = SideBySide.table(List.of(SideBySide.read("push off", SWITCHBOARD), row));
        assertThat(table.lines().toList()).hasSize(4);
        assertThat(table)
                .contains(
                        "push notifications |",
                        "| push on | 40 | 20 | 2000 / 2000 / 0 | yes |",
                        "61000.0 (queued)",
                        "| 37 |",
                        "| push off |",
                        "1.50 ms (1500 µs)",
                        "relay-0 500, mediator-0 2000, redis-server 500",
                        "1.00 2.00 3.00 -> 1.50 2.00 3.00");
    }

    @Test
    void aTableWithoutPushCountsHasNoPushColumn() {
        String table = SideBySide.table(List.of(SideBySide.read("Switchboard", SWITCHBOARD)));

        assertThat(table).doesNotContain("push notifications");
        assertThat(table.lines().toList().get(2))
                .startsWith("| Switchboard | 40 | 20 | 2000 / 2000 / 0 | yes | 4.2 | 12.5 |");
    }

    @Test
    void aReportWithoutLedgerIsRefused() {
        assertThatThrownBy(() -> SideBySide.read("x", "{\"run\":\"r\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no \"ledger\"");
        assertThatThrownBy(() -> SideBySide.read("x", "not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
    }
}
