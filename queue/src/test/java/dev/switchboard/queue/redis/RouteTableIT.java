package dev.switchboard.queue.redis;

import static dev.switchboard.queue.redis.MailboxIT.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.config.RedisSettings;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.route.RouteTable;
import dev.switchboard.queue.testing.MutableClock;
import dev.switchboard.queue.testing.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Route table and relay liveness against a real Redis server. */
class RouteTableIT {

    private static final Instant T0 = Instant.now();
    private static TestRedis redis;

    private final MutableClock clock = new MutableClock(T0);
    private RedisQueue queue;
    private RouteTable routes;
    private String alice;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void connect() {
        queue = RedisQueue.connect(
                RedisSettings.of(redis.uri()).withKeyPrefix(TestRedis.freshPrefix()),
                MailboxSettings.defaults(),
                QueueMetrics.NOOP,
                clock);
        routes = queue.routeTable();
        alice = "did:key:alice-" + UUID.randomUUID();
        join(routes.heartbeat("relay-1", Duration.ofMinutes(1)));
        join(routes.heartbeat("relay-2", Duration.ofMinutes(1)));
    }

    @AfterEach
    void close() {
        queue.close();
    }

    @Test
    void severalSocketsPerRecipientNewestFirst() {
        Route older = route(alice, "relay-1", "c1", T0);
        Route newer = route(alice, "relay-2", "c2", T0.plusSeconds(5));
        join(routes.put(older));
        join(routes.put(newer));
        assertThat(join(routes.routes(alice))).containsExactly(newer, older);
        assertThat(join(routes.routes("did:key:nobody"))).isEmpty();
    }

    @Test
    void refreshingASocketKeepsItsSinceAndExtendsItsLease() {
        join(routes.put(route(alice, "relay-1", "c1", T0)));
        clock.advance(Duration.ofSeconds(50));
        Route refreshed = new Route(
                alice,
                "relay-1",
                "c1",
                URI.create("http://10.0.0.1:8766/socket/c1/send"),
                URI.create("http://10.0.0.1:8766/socket/c1/disconnect"),
                T0.plusSeconds(50),
                T0.plusSeconds(110));
        join(routes.put(refreshed));
        clock.advance(Duration.ofSeconds(20)); // past the first lease (T0 + 60 s)
        assertThat(join(routes.routes(alice))).singleElement().satisfies(r -> {
            assertThat(r.since()).isEqualTo(T0.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(r.leaseUntil())
                    .isEqualTo(refreshed.leaseUntil().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        });
    }

    @Test
    void routesOfADeadRelayInstanceAreHidden() {
        join(routes.heartbeat("relay-short", Duration.ofMillis(300)));
        join(routes.put(route(alice, "relay-1", "c1", T0)));
        join(routes.put(route(alice, "relay-short", "c2", T0.plusSeconds(1))));
        join(routes.put(route(alice, "relay-never-seen", "c3", T0.plusSeconds(2))));
        assertThat(join(routes.routes(alice))).extracting(Route::connectionId).containsExactly("c2", "c1");

        // the heartbeat stops: the instance's key lapses in Redis itself
        await().atMost(Duration.ofSeconds(5)).until(() -> !join(routes.isAlive("relay-short")));
        assertThat(join(routes.routes(alice))).extracting(Route::connectionId).containsExactly("c1");

        join(routes.heartbeat("relay-short", Duration.ofMinutes(1)));
        assertThat(join(routes.routes(alice))).as("back when it beats again").hasSize(2);
        join(routes.forgetInstance("relay-short"));
        assertThat(join(routes.routes(alice))).extracting(Route::connectionId).containsExactly("c1");
    }

    @Test
    void routesWhoseLeaseEndedAreHidden() {
        join(routes.put(route(alice, "relay-1", "c1", T0)));
        clock.advance(Duration.ofSeconds(61));
        assertThat(join(routes.routes(alice))).isEmpty();
    }

    @Test
    void removeOneRouteOrEveryRouteOfASocket() {
        String bob = "did:key:bob-" + UUID.randomUUID();
        join(routes.put(route(alice, "relay-1", "c1", T0)));
        join(routes.put(route(bob, "relay-1", "c1", T0))); // one socket serving two recipient keys
        join(routes.put(route(alice, "relay-2", "c2", T0.plusSeconds(1))));

        assertThat(join(routes.remove(alice, "c2"))).isTrue();
        assertThat(join(routes.remove(alice, "c2"))).isFalse();
        assertThat(join(routes.removeConnection("relay-1", "c1"))).isEqualTo(2);
        assertThat(join(routes.removeConnection("relay-1", "c1"))).isZero();
        assertThat(join(routes.routes(alice))).isEmpty();
        assertThat(join(routes.routes(bob))).isEmpty();
    }

    @Test
    void relaysListsTheAliveRelaysWithTheirLastSocketCountAndForgetsLapsedOnes() {
        join(routes.heartbeat("relay-a", Duration.ofSeconds(30), 10));
        join(routes.heartbeat("relay-b", Duration.ofSeconds(90), 3));
        join(routes.heartbeat("relay-a", Duration.ofSeconds(30), 12));
        assertThat(join(routes.relays()))
                .containsExactly(
                        new dev.switchboard.queue.route.RelayInstance("relay-a", 12, millis(T0.plusSeconds(30))),
                        new dev.switchboard.queue.route.RelayInstance("relay-b", 3, millis(T0.plusSeconds(90))));

        clock.advance(Duration.ofSeconds(31));

        assertThat(join(routes.relays()))
                .extracting(dev.switchboard.queue.route.RelayInstance::instanceId)
                .containsExactly("relay-b");
        assertThat(join(routes.isAlive("relay-b"))).isTrue();
    }

    private static Instant millis(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static Route route(String recipient, String instance, String connection, Instant since) {
        return new Route(
                recipient,
                instance,
                connection,
                URI.create("http://" + instance + ":8766/socket/" + connection + "/send"),
                URI.create("http://" + instance + ":8766/socket/" + connection + "/disconnect"),
                since.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                since.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusSeconds(60));
    }
}
