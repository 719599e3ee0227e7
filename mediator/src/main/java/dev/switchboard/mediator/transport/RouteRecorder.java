package dev.switchboard.mediator.transport;

import dev.switchboard.mediator.config.RelayBackendConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.delivery.RelayClient;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.queue.route.RouteTable;
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
 */
@ApplicationScoped
public class RouteRecorder {
    private static final Logger LOG = Logger.getLogger(RouteRecorder.class);
    private static final Duration MAX_REFRESH = Duration.ofSeconds(15);
    private static final long HEARTBEAT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    /** Sockets remembered before expired entries are swept. */
    private static final int SWEEP_ABOVE = 50_000;

    private final DeliveryService delivery;
    private final RouteTable routes;
    private final RelayBackendConfig config;
    private final long refreshNanos;
    /** owner (instanceId/connectionId) -> wallet -> System.nanoTime() of the last full record. */
    private final Map<String, Map<String, Long>> recorded = new ConcurrentHashMap<>();
    /** send callback URI -> owner, for sockets in {@link #recorded}. */
    private final Map<URI, String> ownerBySend = new ConcurrentHashMap<>();
    /** relay instance -> System.nanoTime() of the last heartbeat renewal from here. */
    private final Map<String, Long> heartbeats = new ConcurrentHashMap<>();

    /** Constructor injection. */
    public RouteRecorder(DeliveryService delivery, RouteTable routes, RelayBackendConfig config, RelayClient relay) {
        relay.onFailure(this::sendFailed);
        this.delivery = delivery;
        this.routes = routes;
        this.config = config;
        Duration shorter =
                config.routeLease().compareTo(config.heartbeatTtl()) < 0 ? config.routeLease() : config.heartbeatTtl();
        Duration half = shorter.dividedBy(2);
        this.refreshNanos = Math.max(0, (half.compareTo(MAX_REFRESH) < 0 ? half : MAX_REFRESH).toNanos());
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
        Map<String, Long> wallets = recorded.get(socket.owner());
        Long last = wallets == null ? null : wallets.get(conn);
        if (last != null && now - last < refreshNanos) {
            renewHeartbeat(socket.instanceId(), now);
            return false;
        }
        delivery.recordRoute(conn, socket);
        heartbeats.put(socket.instanceId(), now);
        if (recorded.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        recorded.computeIfAbsent(socket.owner(), k -> new ConcurrentHashMap<>()).put(conn, now);
        ownerBySend.put(socket.send(), socket.owner());
        return true;
    }

    /** Forgets a socket (it disconnected, or a callback on it failed): its next message records again. */
    public void forget(String owner) {
        recorded.remove(owner);
    }

    private void sendFailed(URI send) {
        String owner = ownerBySend.remove(send);
        if (owner != null) {
            recorded.remove(owner);
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

    private void sweep(long now) {
        recorded.values().forEach(wallets -> wallets.values().removeIf(t -> now - t >= refreshNanos));
        recorded.values().removeIf(Map::isEmpty);
        ownerBySend.values().removeIf(owner -> !recorded.containsKey(owner));
    }
}
