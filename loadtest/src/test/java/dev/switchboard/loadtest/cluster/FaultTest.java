package dev.switchboard.loadtest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FaultTest {
    private static final Duration AT = Duration.ofSeconds(10);

    @Test
    void aKillIsNotUndoneAndEveryOtherFaultIs() {
        assertThatThrownBy(() -> new Fault(Fault.Kind.KILL, "relay-0", AT, Duration.ofSeconds(5)))
                .hasMessageContaining("length");
        assertThatThrownBy(() -> new Fault(Fault.Kind.PAUSE, "relay-0", AT, Duration.ZERO))
                .hasMessageContaining("length");
        assertThat(new Fault(Fault.Kind.KILL, "mediator-0", AT, Duration.ZERO).describe())
                .isEqualTo("SIGKILL mediator-0");
        assertThat(new Fault(Fault.Kind.PAUSE, "redis-server", AT, Duration.ofSeconds(10)).describe())
                .isEqualTo("SIGSTOP redis-server 10.0 s");
    }

    @Test
    void proxyFaultsNameWhatTheProxySits() {
        assertThatThrownBy(() -> new Fault(Fault.Kind.SLOW_CALLBACKS, "mediator-0", AT, Duration.ofSeconds(5)))
                .hasMessageContaining("relay-N");
        assertThatThrownBy(() -> new Fault(Fault.Kind.PARTITION_REDIS, "relay-0", AT, Duration.ofSeconds(5)))
                .hasMessageContaining("redis-server");
    }

    @Test
    void cellsAreFoundByTheirCommandLineName() {
        assertThat(Arrays.stream(ChaosCell.values()).map(ChaosCell::cellName))
                .doesNotHaveDuplicates()
                .contains("relay-kill", "redis-partition", "callback-slow");
        assertThat(ChaosCell.named("redis-kill").faults())
                .containsExactly(new Fault(Fault.Kind.KILL_RESTART, "redis-server", AT, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> ChaosCell.named("disk-full"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relay-kill");
    }
}
