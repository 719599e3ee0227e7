package dev.switchboard.mediator.protocol.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mediator.config.RedisConfig;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.store.MediatorRedis;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.SmallMailboxProfile;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.mediator.testing.TestWalletV2;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A Redis slower than {@code switchboard.redis.command-timeout} (1 s in this profile): the real server is
 * paused with {@code CLIENT PAUSE}, so every command waits. A forward over HTTP (routing 1.0 and 2.0) and a
 * relay post then get 503 {@code e.p.me.res}; nothing is acknowledged, nothing is stored, and the
 * sender's retry after the pause is stored once.
 */
@QuarkusTest
@TestProfile(SmallMailboxProfile.class)
class StoreFailureTest {
    /** Long enough for three requests that each wait out the 1 s command timeout. */
    private static final long PAUSE_MILLIS = 8_000;

    @Inject
    MediatorIdentity identity;

    @Inject
    MediatorDid mediator;

    @Inject
    MediatorRedis redis;

    @Inject
    RedisConfig redisConfig;

    /** CLIENT PAUSE for {@link #PAUSE_MILLIS}, from a connection of the test's own. */
    private String pauseRedis() {
        RedisClient client = RedisClient.create(redisConfig.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().clientPause(PAUSE_MILLIS);
        } finally {
            client.shutdown();
        }
    }

    private static void assertStoreFailure(Response response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.jsonPath().getString("code")).isEqualTo("e.p.me.res");
    }

    @Test
    void slowRedisIs503AndNothingIsAcknowledged() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        TestWalletV2 walletV2 = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(walletV2, walletV2.did());
        byte[] forward = Flows.forward(identity, key, Flows.innerEnvelope());
        byte[] forwardV2 = FlowsV2.forward(mediator, walletV2.did(), FlowsV2.innerJwe(mediator), null);
        byte[] relayed = Flows.forward(identity, key, Flows.innerEnvelope());

        try (RecordingRelay relay = new RecordingRelay("relay-store-failure")) {
            long pausedAt = System.nanoTime();
            assertThat(pauseRedis()).isEqualTo("OK");
            assertStoreFailure(TestWallet.post(forward));
            assertStoreFailure(TestWalletV2.post(forwardV2));
            Response relayPost = relay.frame("c1", relayed);
            assertThat(Duration.ofNanos(System.nanoTime() - pausedAt))
                    .as("the three requests ran while Redis was paused")
                    .isLessThan(Duration.ofMillis(PAUSE_MILLIS));
            assertThat(relayPost.statusCode()).as("the relay retries a 503").isEqualTo(503);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(redis::ping);

        assertThat(Flows.pendingCount(wallet)).as("nothing stored").isZero();
        assertThat(FlowsV2.pendingCount(walletV2)).as("nothing stored").isZero();
        assertThat(TestWallet.post(forward).statusCode()).isEqualTo(202);
        assertThat(TestWallet.post(relayed).statusCode()).isEqualTo(202);
        assertThat(TestWalletV2.post(forwardV2).statusCode()).isEqualTo(202);
        assertThat(Flows.pendingCount(wallet)).isEqualTo(2);
        assertThat(FlowsV2.pendingCount(walletV2)).isEqualTo(1);
    }
}
