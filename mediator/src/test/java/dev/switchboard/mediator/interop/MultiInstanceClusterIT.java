package dev.switchboard.mediator.interop;

import dev.switchboard.mediator.testing.LocalRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link MultiInstanceIT}'s Credo scenario (2 relays × 2 mediators, a wallet on one relay, forwards through
 * the other mediator, offline and back, a relay SIGKILLed) on a real Redis Cluster of 3 primaries and 3
 * replicas ({@code switchboard.redis.uri=redis-cluster://...}): every key of a wallet, a socket and a due-set
 * bucket lands on its own slot, whichever node owns it. The {@code start} and {@code stop} here hide the
 * parent's (JUnit runs only these).
 */
class MultiInstanceClusterIT extends MultiInstanceIT {
    private static LocalRedisCluster cluster;

    @BeforeAll
    static void start() {
        cluster = LocalRedisCluster.start(3, 1);
        startOn(new Stack(cluster.seeds()));
    }

    @AfterAll
    static void stop() {
        MultiInstanceIT.stop();
        if (cluster != null) {
            cluster.close();
        }
    }
}
