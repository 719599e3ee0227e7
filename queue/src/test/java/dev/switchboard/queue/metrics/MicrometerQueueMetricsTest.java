package dev.switchboard.queue.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.queue.mailbox.EnqueueResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerQueueMetricsTest {

    @Test
    void eventsBecomeMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerQueueMetrics metrics = new MicrometerQueueMetrics(registry);
        metrics.enqueued(100);
        metrics.enqueued(50);
        metrics.rejectedByCap(EnqueueResult.Limit.BYTES);
        metrics.inFlightReclaimed(3);
        metrics.latency(QueueOperation.ENQUEUE, 2_000_000, true);
        metrics.latency(QueueOperation.ENQUEUE, 4_000_000, false);

        assertThat(registry.get("switchboard.queue.enqueued").counter().count()).isEqualTo(2);
        assertThat(registry.get("switchboard.queue.enqueued.bytes").counter().count())
                .isEqualTo(150);
        assertThat(registry.get("switchboard.queue.rejected")
                        .tag("limit", "bytes")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("switchboard.queue.rejected")
                        .tag("limit", "count")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get("switchboard.queue.reclaimed")
                        .tag("kind", "lease")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get("switchboard.queue.latency")
                        .tags("operation", "enqueue", "outcome", "success")
                        .timer()
                        .totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(2.0);
        assertThat(registry.get("switchboard.queue.latency")
                        .tags("operation", "enqueue", "outcome", "failure")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}
