package dev.switchboard.mediator.transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.mediator.config.QuotaConfig;
import dev.switchboard.mediator.config.RelayBackendConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.delivery.RelayClient;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.queue.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Records "wallet is reachable on this socket" ({@link DeliveryService#recordRoute}: route put, socket key,
 * relay heartbeat; three Redis round trips) at most once per {@link #refreshInterval()} per wallet and
 * socket on this instance, instead of on every message the socket carries.
 *
 * <p>The interval is half the shorter of the route lease and the relay heartbeat TTL, capped at 15 s, so a
 * route and its relay's liveness are renewed well before they lapse while the socket is in use. Between
 * full records, the relay's heartbeat is still renewed (asynchronously, at most once a second per relay),
 * so a relay that sends no heartbeats of its own stays alive as long as its sockets carry messages. The
 * memory of a socket is dropped when it disconnects or any {@code send} callback to it fails (the pusher then
 * drops the route), so the next message on it records the route again and delivers what waited; a route
 * removed elsewhere (another instance's failed callback) is recorded again by the next message after at most
 * one interval.
 *
 * <p>Memory is bounded whatever the number of clients (issue 13, hole 3): the sockets recorded and the send
 * callbacks are two Caffeine caches of at most {@code switchboard.quota.max-tracked-sockets} entries each,
 * dropped after one refresh interval without use (least recently used first past the bound: such a socket's
 * next message just records again); a socket remembers at most {@value #WALLETS_PER_SOCKET} wallets; relay
 * heartbeat times at most {@value #MAX_RELAYS} relays. Sizes and evictions: {@code
 * cache_*{cache="switchboard.routes.recorded"|"switchboard.routes.send_owners"|"switchboard.routes.heartbeats"}}.
 */
@ApplicationScoped
public class RouteRecorder {
    private static final Logger LOG = Logger.getLogger(RouteRecorder.class);
    private static final Duration MAX_REFRESH = Duration.ofSeconds(15);
    private static final long HEARTBEAT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    /** Wallets remembered per socket (one in practice); past it the socket's memory starts afresh. */
    static final int WALLETS_PER_SOCKET = 16;
    /** Relay instances whose heartbeat renewal time is remembered. */
    static final int MAX_RELAYS = 10_000;

    private final DeliveryService delivery;
    private final RouteTable routes;
    private final RelayBackendConfig config;
    private final long refreshNanos;
    /** owner (instanceId/connectionId) -> wallet -> System.nanoTime() of the last full record. */
    private final Cache<String, Map<String, Long>> recorded;
    /** send callback URI -> owner, for sockets in {@link #recorded}. */
    private final Cache<URI, String> ownerBySend;
    /** relay instance -> System.nanoTime() of the last heartbeat renewal from here. */
    private final Map<String, Long> heartbeats;

    /** Constructor injection. */
    public RouteRecorder(
            DeliveryService delivery,
            RouteTable routes,
            RelayBackendConfig config,
            RelayClient relay,
            QuotaConfig quotas,
            MeterRegistry meters) {
        relay.onFailure(this::sendFailed);
        this.delivery = delivery;
        this.routes = routes;
        this.config = config;
        Duration shorter =
                config.routeLease().compareTo(config.heartbeatTtl()) < 0 ? config.routeLease() : config.heartbeatTtl();
        Duration half = shorter.dividedBy(2);
        this.refreshNanos = Math.max(0, (half.compareTo(MAX_REFRESH) < 0 ? half : MAX_REFRESH).toNanos());
        Duration idle = Duration.ofNanos(Math.max(1, refreshNanos));
        this.recorded = Caffeine.newBuilder()
                .maximumSize(quotas.maxTrackedSockets())
                .expireAfterAccess(idle)
                .recordStats()
                .build();
        this.ownerBySend = Caffeine.newBuilder()
                .maximumSize(quotas.maxTrackedSockets())
                .expireAfterAccess(idle)
                .recordStats()
                .build();
        Cache<String, Long> beats = Caffeine.newBuilder()
                .maximumSize(MAX_RELAYS)
                .expireAfterAccess(config.heartbeatTtl().plusSeconds(1))
                .recordStats()
                .build();
        this.heartbeats = beats.asMap();
        CaffeineCacheMetrics.monitor(meters, recorded, "switchboard.routes.recorded");
        CaffeineCacheMetrics.monitor(meters, ownerBySend, "switchboard.routes.send_owners");
        CaffeineCacheMetrics.monitor(meters, beats, "switchboard.routes.heartbeats");
    }

    /** Sockets remembered now (an estimate, for tests of the bound). */
    long trackedSockets() {
        recorded.cleanUp();
        ownerBySend.cleanUp();
        return Math.max(recorded.estimatedSize(), ownerBySend.estimatedSize());
    }

    /** How long a recorded route is not recorded again from this instance. */
    public Duration refreshInterval() {
        return Duration.ofNanos(refreshNanos);
    }

    /**
     * Records that {@code conn} is reachable on {@code socket} unless done within the refresh interval.
     *
     * @return true when the route was recorded now (a socket new to this instance, or a refresh); the
     *     caller then delivers what waited for the wallet
     * @throws RuntimeException when the store failed (nothing is remembered then)
     */
    public boolean record(String conn, InboundTransport.Socket socket) {
        long now = System.nanoTime();
        Map<String, Long> wallets = recorded.getIfPresent(socket.owner());
        Long last = wallets == null ? null : wallets.get(conn);
        if (last != null && now - last < refreshNanos) {
            renewHeartbeat(socket.instanceId(), now);
            return false;
        }
        delivery.recordRoute(conn, socket);
        heartbeats.put(socket.instanceId(), now);
        Map<String, Long> mine = recorded.get(socket.owner(), k -> new ConcurrentHashMap<>());
        if (mine.size() >= WALLETS_PER_SOCKET) {
            mine.clear(); // a socket carrying many wallets: they just record again
        }
        mine.put(conn, now);
        ownerBySend.put(socket.send(), socket.owner());
        return true;
    }

    /** Forgets a socket (it disconnected, or a callback on it failed): its next message records again. */
    public void forget(String owner) {
        recorded.invalidate(owner);
    }

    private void sendFailed(URI send) {
        String owner = ownerBySend.asMap().remove(send);
        if (owner != null) {
            recorded.invalidate(owner);
        }
    }

    private void renewHeartbeat(String instanceId, long now) {
        Long last = heartbeats.get(instanceId);
        if (last != null && now - last < HEARTBEAT_EVERY_NANOS) {
            return;
        }
        if (last == null
                ? heartbeats.putIfAbsent(instanceId, now) != null
                : !heartbeats.replace(instanceId, last, now)) {
            return; // another thread renews it
        }
        routes.heartbeat(instanceId, config.heartbeatTtl()).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.debugf("heartbeat of relay %s not renewed: %s", instanceId, e.toString());
            }
        });
    }
}
