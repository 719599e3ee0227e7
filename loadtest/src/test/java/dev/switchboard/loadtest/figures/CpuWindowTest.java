package dev.switchboard.loadtest.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuWindowTest {

    @Test
    void countsTheCpuABusyProcessSpendsAndNotAnIdleOne() throws Exception {
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        Process idle = new ProcessBuilder("sleep", "30").start();
        try {
            CpuWindow window = CpuWindow.start(
                    List.of(new CpuWindow.Watched("busy", busy.pid()), new CpuWindow.Watched("idle", idle.pid())));
            Thread.sleep(1_500);
            CpuWindow.Figures f = window.stop();

            assertThat(f.seconds()).isGreaterThanOrEqualTo(1.5);
            assertThat(f.usages()).extracting(CpuWindow.Usage::name).containsExactly("busy", "idle");
            // a spinning shell gets well over 100 ms of a 1.5 s window even on a shared 2-core machine
            assertThat(f.usages().get(0).cpuMillis()).isGreaterThan(100);
            assertThat(f.usages().get(1).cpuMillis()).isLessThanOrEqualTo(20);
            assertThat(f.totalMillis())
                    .isEqualTo(f.usages().get(0).cpuMillis() + f.usages().get(1).cpuMillis());
            assertThat(f.loadAtStart()).matches("[0-9.]+ [0-9.]+ [0-9.]+");
            assertThat(f.endMicros() - f.startMicros()).isBetween(1_500_000L, 60_000_000L);
            assertThat(f.toJson(7))
                    .startsWith("{\"seconds\":")
                    .contains("\"forwards\":7,")
                    .contains("\"name\":\"busy\",\"pid\":" + busy.pid() + ",\"cpu_ms\":");
        } finally {
            busy.destroyForcibly();
            idle.destroyForcibly();
        }
    }

    @Test
    void aProcessGoneBeforeTheEndCountsZero() throws Exception {
        Process shortLived = new ProcessBuilder("sleep", "30").start();
        CpuWindow window = CpuWindow.start(List.of(new CpuWindow.Watched("gone", shortLived.pid())));
        shortLived.destroyForcibly().waitFor();

        assertThat(window.stop().totalMillis()).isZero();
    }

    @Test
    void parsesNamePidPairs() {
        assertThat(CpuWindow.parse(" credo-mediator:1234 , a:b:5,"))
                .containsExactly(new CpuWindow.Watched("credo-mediator", 1234), new CpuWindow.Watched("a:b", 5));
        assertThat(CpuWindow.parse("")).isEmpty();
        assertThatThrownBy(() -> CpuWindow.parse("1234"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: name:pid");
        assertThatThrownBy(() -> CpuWindow.parse("x:y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x:y");
        assertThatThrownBy(() -> CpuWindow.parse("x:0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void descendantsOfThisJvmWithTheMarkerAreAdded() throws Exception {
        Process marked = new ProcessBuilder("sleep", "31").start();
        Process other = new ProcessBuilder("sleep", "32").start();
        try {
            List<CpuWindow.Watched> all =
                    CpuWindow.withDescendants(List.of(new CpuWindow.Watched("me", 1)), "sleep 31");

            assertThat(all)
                    .containsExactly(new CpuWindow.Watched("me", 1), new CpuWindow.Watched("sleep 31", marked.pid()));
        } finally {
            marked.destroyForcibly();
            other.destroyForcibly();
        }
    }
}
