package dev.switchboard.socketdock.relay.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.Wiring;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DispatchQueue} on a real event loop against a real loopback backend: one POST in flight at a
 * time, arrival order kept, the bound (whose refusal the connection turns into close 1013), the
 * bypass for notices, dropping and the depth gauge.
 */
class DispatchQueueTest {
    private TestBackend backend;
    private Wiring wiring;
    private final BlockingQueue<String> done = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend();
        wiring = new Wiring(b -> b.backendRetries(0));
    }

    @AfterEach
    void stop() {
        wiring.close();
        backend.close();
    }

    private DispatchQueue.Item item(String event, String name) {
        return new DispatchQueue.Item(
                event,
                backend.uri("/" + event),
                name.getBytes(StandardCharsets.UTF_8),
                RequestBinding.NONE,
                outcome -> done.add(name + ":" + outcome.kind()));
    }

    /** Holds every answer until {@code release} counts down. */
    private CountDownLatch holdAnswers() {
        CountDownLatch release = new CountDownLatch(1);
        backend.answer(r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestBackend.Answer.ok();
        });
        return release;
    }

    @Test
    void eventsGoOutOneAtATimeInArrivalOrder() throws Exception {
        backend.answer(r -> new TestBackend.Answer(204, Duration.ofMillis(5)));
        DispatchQueue queue =
                wiring.onLoop(() -> new DispatchQueue(wiring.loop(), wiring.dispatcher, wiring.metrics, 64));
        wiring.onLoop(() -> {
            for (int i = 1; i <= 20; i++) {
                assertThat(queue.offer(item("message", "m" + i))).isTrue();
            }
            return null;
        });
        List<String> outcomes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            outcomes.add(done.poll(10, TimeUnit.SECONDS));
        }
        assertThat(outcomes)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> "m" + i + ":DELIVERED")
                        .toList());
        List<TestBackend.Received> got = backend.all("/message");
        assertThat(got)
                .extracting(TestBackend.Received::bodyText)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> "m" + i)
                        .toList());
        assertThat(wiring.onLoop(queue::depth)).isZero();
        assertThat(wiring.metrics.dispatchDepth()).isZero();
    }

    @Test
    void theByteBudgetBoundsTheBodiesWaitingAndTheFirstAlwaysFits() throws Exception {
        CountDownLatch release = holdAnswers();
        // 64 events but only 10 bytes waiting
        DispatchQueue queue =
                wiring.onLoop(() -> new DispatchQueue(wiring.loop(), wiring.dispatcher, wiring.metrics, 64, 10));
        assertThat(wiring.onLoop(() -> queue.offer(item("message", "in-flight-body"))))
                .isTrue();
        assertThat(backend.next("/message", Duration.ofSeconds(10))).isNotNull();
        assertThat(wiring.onLoop(() -> queue.offer(item("message", "larger-than-ten-bytes"))))
                .as("the first waiting event fits whatever its size")
                .isTrue();
        assertThat(wiring.onLoop(() -> queue.offer(item("message", "x"))))
                .as("over the byte budget")
                .isFalse();
        assertThat(wiring.onLoop(queue::waitingBytes)).isEqualTo("larger-than-ten-bytes".length());
        release.countDown();
        assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("in-flight-body:DELIVERED");
        assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("larger-than-ten-bytes:DELIVERED");
        assertThat(wiring.onLoop(queue::waitingBytes)).isZero();
        assertThat(wiring.onLoop(() -> queue.offer(item("message", "m5")))).isTrue();
        assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("m5:DELIVERED");
    }

    @Test
    void theBoundCountsWaitingEventsBehindTheOneInFlight() throws Exception {
        CountDownLatch release = holdAnswers();
        DispatchQueue queue =
                wiring.onLoop(() -> new DispatchQueue(wiring.loop(), wiring.dispatcher, wiring.metrics, 2));
        assertThat(wiring.onLoop(() -> queue.offer(item("message", "m1")))).isTrue(); // in flight
        assertThat(backend.next("/message", Duration.ofSeconds(10))).isNotNull();
        assertThat(wiring.onLoop(() -> queue.offer(item("message", "m2")))).isTrue();
        assertThat(wiring.onLoop(() -> queue.offer(item("message", "m3")))).isTrue();
        assertThat(wiring.onLoop(() -> queue.offer(item("message", "m4"))))
                .as("full: 2 waiting behind the one in flight")
                .isFalse();
        assertThat(wiring.onLoop(queue::depth)).isEqualTo(3);
        assertThat(wiring.metrics.dispatchDepth()).isEqualTo(3);
        // a notice goes in whatever the bound
        wiring.onLoop(() -> {
            queue.offerAlways(item("disconnect", "d"));
            return null;
        });
        assertThat(wiring.onLoop(queue::depth)).isEqualTo(4);
        release.countDown();
        List<String> outcomes = List.of(
                done.poll(10, TimeUnit.SECONDS),
                done.poll(10, TimeUnit.SECONDS),
                done.poll(10, TimeUnit.SECONDS),
                done.poll(10, TimeUnit.SECONDS));
        assertThat(outcomes).containsExactly("m1:DELIVERED", "m2:DELIVERED", "m3:DELIVERED", "d:DELIVERED");
        assertThat(done.poll(200, TimeUnit.MILLISECONDS))
                .as("the refused event never went out")
                .isNull();
        assertThat(backend.all()).extracting(TestBackend.Received::bodyText).doesNotContain("m4");
        // drained: the bound applies afresh
        assertThat(wiring.onLoop(() -> queue.offer(item("message", "m5")))).isTrue();
        assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("m5:DELIVERED");
    }

    @Test
    void dropRemovesWaitingEventsOfOneKindButNotTheOneInFlight() throws Exception {
        CountDownLatch release = holdAnswers();
        DispatchQueue queue =
                wiring.onLoop(() -> new DispatchQueue(wiring.loop(), wiring.dispatcher, wiring.metrics, 8));
        wiring.onLoop(() -> queue.offer(item("message", "m1")));
        assertThat(backend.next("/message", Duration.ofSeconds(10))).isNotNull();
        wiring.onLoop(() -> queue.offer(item("message", "m2")));
        wiring.onLoop(() -> {
            queue.offerAlways(item("disconnect", "d"));
            return null;
        });
        wiring.onLoop(() -> queue.offer(item("message", "m3")));
        assertThat(wiring.onLoop(() -> queue.drop("message"))).isEqualTo(2);
        assertThat(wiring.onLoop(() -> queue.drop("message"))).isZero();
        assertThat(wiring.onLoop(queue::depth)).isEqualTo(2);
        assertThat(wiring.metrics.dispatchDepth()).isEqualTo(2);
        release.countDown();
        assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("m1:DELIVERED");
        assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("d:DELIVERED");
        assertThat(done.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(wiring.metrics.dispatchDepth()).isZero();
    }

    @Test
    void aFailedPostStillFreesTheQueueForTheNext() throws Exception {
        backend.answer(r -> new TestBackend.Answer(r.bodyText().equals("m1") ? 500 : 204, Duration.ZERO));
        DispatchQueue queue =
                wiring.onLoop(() -> new DispatchQueue(wiring.loop(), wiring.dispatcher, wiring.metrics, 4));
        wiring.onLoop(() -> queue.offer(item("message", "m1")) && queue.offer(item("message", "m2")));
        assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("m1:FAILED");
        assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("m2:DELIVERED");
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new DispatchQueue(wiring.loop(), wiring.dispatcher, wiring.metrics, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: > 0)");
    }
}
