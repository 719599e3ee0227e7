package dev.switchboard.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The spelling of {@code switchboard.redis.durability}. */
class DurabilityTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void noneWaitsForNothingAndWaitReplicasNamesHowMany() {
        assertThat(Durability.parse("none", SECOND).waits()).isFalse();
        Durability two = Durability.parse(" Wait-Replicas:2 ", Duration.ofMillis(250));
        assertThat(two.replicas()).isEqualTo(2);
        assertThat(two.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(two).hasToString("wait-replicas:2");
    }

    @Test
    void anythingElseIsRefusedWithTheExpectedSpelling() {
        for (String bad : new String[] {"", "wait-replicas:0", "wait-replicas:", "wait-replicas:x", "all"}) {
            assertThatThrownBy(() -> Durability.parse(bad, SECOND))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected: none or wait-replicas:N with N >= 1");
        }
        assertThatThrownBy(() -> new Durability(1, Duration.ZERO)).hasMessageContaining("timeout");
    }
}
