package dev.switchboard.mediator.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mediator.config.InboundConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Load shedding (issue 13): each lane admits max-concurrent + max-queued requests (and max-queued-bytes of
 * waiting bodies); the next is answered 503 + Retry-After at once, counted per lane, and a full lane does not
 * touch the other one.
 */
class InboundExecutorTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void releaseAll() {
        release.countDown();
    }

    private static InboundConfig config(int concurrent, int queued, long queuedBytes) {
        InboundConfig.Lane lane = new InboundConfig.Lane() {
            @Override
            public int maxConcurrent() {
                return concurrent;
            }

            @Override
            public int maxQueued() {
                return queued;
            }

            @Override
            public long maxQueuedBytes() {
                return queuedBytes;
            }
        };
        return new InboundConfig() {
            @Override
            public Lane anonymous() {
                return lane;
            }

            @Override
            public Lane relay() {
                return lane;
            }

            @Override
            public int retryAfterSeconds() {
                return 2;
            }
        };
    }

    private Supplier<Response> blocked() {
        return () -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.accepted().build();
        };
    }

    private double shed(String lane) {
        var c = meters.find("switchboard.inbound.shed").tag("lane", lane).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aFullLaneShedsAtOnceWithRetryAfterAndTheOtherLaneStillRuns() throws Exception {
        InboundExecutor executor = new InboundExecutor(config(2, 3, 1 << 20), meters);
        List<CompletableFuture<Response>> admitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            admitted.add(executor.submit(InboundExecutor.Lane.ANONYMOUS, 100, blocked())
                    .toCompletableFuture());
        }
        CompletableFuture<Response> sixth =
                executor.submit(InboundExecutor.Lane.ANONYMOUS, 100, blocked()).toCompletableFuture();
        assertThat(sixth).as("answered without waiting").isDone();
        Response shed = sixth.get();
        assertThat(shed.getStatus()).isEqualTo(503);
        assertThat(shed.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(shed("anonymous")).isEqualTo(1.0);
        assertThat(meters.get("switchboard.inbound.admitted")
                        .tag("lane", "anonymous")
                        .gauge()
                        .value())
                .isEqualTo(5.0);

        // the relay lane is untouched by the anonymous flood
        CompletableFuture<Response> relay = executor.submit(
                        InboundExecutor.Lane.RELAY, 100, () -> Response.ok().build())
                .toCompletableFuture();
        assertThat(relay.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(shed("relay")).isZero();

        release.countDown();
        for (CompletableFuture<Response> f : admitted) {
            assertThat(f.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(202);
        }
        // the places are free again
        assertThat(executor.submit(
                                InboundExecutor.Lane.ANONYMOUS,
                                100,
                                () -> Response.ok().build())
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .getStatus())
                .isEqualTo(200);
        assertThat(meters.get("switchboard.inbound.admitted")
                        .tag("lane", "anonymous")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void waitingBodiesAreBoundedInBytes() throws Exception {
        InboundExecutor executor = new InboundExecutor(config(1, 100, 1000), meters);
        executor.submit(InboundExecutor.Lane.RELAY, 10_000, blocked()); // running: its body does not wait
        // wait until it holds the permit, so the next ones wait
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (meters.get("switchboard.inbound.waiting.bytes")
                                .tag("lane", "relay")
                                .gauge()
                                .value()
                        != 0
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        CompletableFuture<Response> first =
                executor.submit(InboundExecutor.Lane.RELAY, 600, blocked()).toCompletableFuture();
        CompletableFuture<Response> second =
                executor.submit(InboundExecutor.Lane.RELAY, 600, blocked()).toCompletableFuture();
        assertThat(first).isNotDone();
        assertThat(second).isDone();
        assertThat(second.get().getStatus()).isEqualTo(503);
        assertThat(shed("relay")).isEqualTo(1.0);
    }

    @Test
    void badBoundsAreRefusedWithTheirPropertyName() {
        assertThatThrownBy(() -> new InboundExecutor(config(0, 1, 1), meters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("switchboard.inbound.anonymous.max-concurrent: 0 (expected: > 0)");
    }
}
