package dev.switchboard.mediator.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.testing.QuotaProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, hole 3: 100,000 distinct clients (each its own socket and wallet) leave the mediator's in-memory
 * state bounded: the route recorder holds at most {@code max-tracked-sockets} sockets and the pusher only the
 * wallets being pushed now, whatever the number of clients seen. Against the real route table in Redis. The
 * retained heap before and after (after a GC) is logged for the record; the assertions are on the bounds.
 */
@QuarkusTest
@TestProfile(QuotaProfile.class)
class BoundedMemoryTest {
    private static final Logger LOG = Logger.getLogger(BoundedMemoryTest.class);
    private static final int CLIENTS = 100_000;

    @Inject
    RouteRecorder recorder;

    @Inject
    DeliveryService delivery;

    @Inject
    MeterRegistry meters;

    private static InboundTransport.Socket socket(int i) {
        String id = "bm-" + i;
        return new InboundTransport.Socket(
                "relay-bm",
                id,
                URI.create("http://127.0.0.1:1/socket/" + id + "/send"),
                URI.create("http://127.0.0.1:1/socket/" + id + "/disconnect"));
    }

    private static long retainedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aHundredThousandClientsLeaveTheRecorderAndThePusherBounded() throws Exception {
        long before = retainedHeap();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            IntStream.range(0, CLIENTS)
                    .forEach(i -> pool.execute(() -> {
                        recorder.record("bm-wallet-" + i, socket(i)); // a route in Redis, remembered here
                        delivery.push("bm-wallet-" + i); // nothing waits: the push ends at once
                    }));
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(recorder.trackedSockets()).isLessThanOrEqualTo(QuotaProfile.MAX_TRACKED_SOCKETS);
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .until(() ->
                        meters.get("switchboard.delivery.pushes.active").gauge().value() == 0);
        long after = retainedHeap();
        LOG.infof(
                "%d clients: retained heap %d MiB before, %d MiB after; %d sockets tracked",
                CLIENTS, before >> 20, after >> 20, recorder.trackedSockets());
    }
}
