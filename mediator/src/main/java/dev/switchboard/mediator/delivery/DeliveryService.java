package dev.switchboard.mediator.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.config.RelayConfig;
import dev.switchboard.mediator.envelope.Envelopes;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Transport;
import dev.switchboard.mediator.protocol.pickup.v2.PickupV2Handler;
import dev.switchboard.mediator.store.RedisConnection;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.route.RouteTable;
import io.lettuce.core.SetArgs;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Stores messages in wallets' mailboxes and delivers them over live routes (flows 2-4 of the architecture).
 *
 * <p>A wallet's mailbox and routes are named by its connection key (base58 verkey). Delivery over the
 * newest live route: in pickup 2.0 live mode as a {@code delivery} message (messages stay in flight until
 * {@code messages-received}); otherwise (implicit mode, return route on the socket) each message as it was
 * forwarded, deleted once the relay wrote it. A failed {@code send} callback drops the route and returns the
 * messages to pending; the next route, if any, is tried. Pushes of one wallet run one at a time per instance
 * on virtual threads; concurrent pushes on other instances hand out disjoint messages (atomic reserve).
 */
@ApplicationScoped
public class DeliveryService {
    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mailboxes mailboxes;
    private final RouteTable routes;
    private final RelayClient relay;
    private final Envelopes envelopes;
    private final MediatorIdentity identity;
    private final RedisConnection redis;
    private final MediatorConfig config;
    private final RelayConfig relayConfig;
    private final MeterRegistry meters;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, AtomicInteger> pushes = new ConcurrentHashMap<>();
    /** Wallets with a live delivery sent from this instance and not yet confirmed, with the send time. */
    private final Map<String, Instant> unconfirmed = new ConcurrentHashMap<>();

    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "delivery-sweeper");
        t.setDaemon(true);
        return t;
    });

    /** Constructor injection. */
    public DeliveryService(
            Mailboxes mailboxes,
            RouteTable routes,
            RelayClient relay,
            Envelopes envelopes,
            MediatorIdentity identity,
            RedisConnection redis,
            MediatorConfig config,
            RelayConfig relayConfig,
            MeterRegistry meters) {
        this.mailboxes = mailboxes;
        this.routes = routes;
        this.relay = relay;
        this.envelopes = envelopes;
        this.identity = identity;
        this.redis = redis;
        this.config = config;
        this.relayConfig = relayConfig;
        this.meters = meters;
        long period = Math.max(1, config.pickup().lease().toMillis());
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Re-pushes to wallets whose live delivery was not confirmed within the lease: the messages have gone
     * back to pending (the socket died after the relay accepted the frame, or the wallet never answered),
     * and nothing else would trigger a new delivery while the wallet stays live.
     */
    private void sweep() {
        Instant cutoff = Instant.now().minus(config.pickup().lease());
        unconfirmed.forEach((conn, sent) -> {
            if (sent.isBefore(cutoff) && unconfirmed.remove(conn, sent)) {
                push(conn);
            }
        });
    }

    /** The wallet confirmed deliveries ({@code messages-received}): no re-push needed for them. */
    public void confirmed(String conn) {
        unconfirmed.remove(conn);
    }

    /**
     * Stores one message in a wallet's mailbox; blocks until Redis confirmed it (the caller acknowledges
     * the sender only after this returns).
     *
     * @param conn the wallet's connection key
     * @param messageId unique per message (a digest of the envelope, so retries de-duplicate)
     * @param message the packed message as forwarded
     */
    public EnqueueResult store(String conn, String messageId, byte[] message) {
        EnqueueResult result = mailboxes
                .enqueue(conn, messageId, message, Instant.now(), null)
                .toCompletableFuture()
                .join();
        meters.counter(
                        "switchboard.mailbox.enqueued",
                        "result",
                        result.getClass().getSimpleName().toLowerCase())
                .increment();
        return result;
    }

    /**
     * Records that a wallet is reachable on a socket (any authenticated message on it) and delivers what
     * waits for it.
     */
    public void recordRoute(String conn, Transport.Socket socket) {
        Instant now = Instant.now();
        routes.put(new Route(
                        conn,
                        socket.instanceId(),
                        socket.connectionId(),
                        socket.send(),
                        socket.disconnect(),
                        now,
                        now.plus(relayConfig.routeLease())))
                .toCompletableFuture()
                .join();
        redis.sync().set(socketKey(socket.owner()), conn, SetArgs.Builder.ex(relayConfig.routeLease()));
        // the relay is evidently alive; original SocketDock relays send no heartbeats
        routes.heartbeat(socket.instanceId(), relayConfig.heartbeatTtl())
                .toCompletableFuture()
                .join();
    }

    /** Turns pickup 2.0 live mode on or off for a wallet on one socket. */
    public void liveMode(String conn, Transport.Socket socket, boolean on) {
        if (on) {
            redis.sync().set(liveKey(conn), socket.owner(), SetArgs.Builder.ex(relayConfig.routeLease()));
        } else {
            redis.sync().del(liveKey(conn));
        }
    }

    /**
     * Remembers that a wallet picks up its messages with a pickup protocol: it then gets messages only in
     * pickup replies and live-mode deliveries, never written raw to its socket (implicit mode).
     */
    public void markPickupUser(String conn) {
        redis.sync().set(pickupKey(conn), "1");
    }

    /** True when the wallet uses a pickup protocol (see {@link #markPickupUser}). */
    public boolean isPickupUser(String conn) {
        return redis.sync().exists(pickupKey(conn)) > 0;
    }

    /** True when the wallet is in live mode on {@code owner}'s socket. */
    public boolean isLive(String conn, String owner) {
        return owner.equals(redis.sync().get(liveKey(conn)));
    }

    /** A socket closed: its routes go, its in-flight messages return to pending, live mode on it ends. */
    public void disconnected(String instanceId, String connectionId) {
        String owner = instanceId + "/" + connectionId;
        routes.removeConnection(instanceId, connectionId).toCompletableFuture().join();
        String conn = redis.sync().get(socketKey(owner));
        if (conn != null) {
            mailboxes.release(conn, owner).toCompletableFuture().join();
            if (isLive(conn, owner)) {
                redis.sync().del(liveKey(conn));
            }
            redis.sync().del(socketKey(owner));
        }
    }

    /** Delivers what waits for a wallet over its newest live route, in the background. */
    public void push(String conn) {
        AtomicInteger state = pushes.computeIfAbsent(conn, k -> new AtomicInteger());
        if (state.getAndIncrement() == 0) {
            executor.execute(() -> {
                int seen;
                do {
                    seen = state.get();
                    try {
                        pushNow(conn);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "delivery to %s failed; messages stay queued", conn);
                    }
                } while (state.addAndGet(-seen) > 0);
            });
        }
    }

    private void pushNow(String conn) {
        for (int attempt = 0; attempt < 4; attempt++) {
            List<Route> current = routes.routes(conn).toCompletableFuture().join();
            if (current.isEmpty()) {
                return;
            }
            Route route = current.get(0);
            String owner = route.instanceId() + "/" + route.connectionId();
            boolean live = isLive(conn, owner);
            if (!live && isPickupUser(conn)) {
                return; // it asks with status-request / delivery-request or turns live mode on
            }
            if (deliverOn(conn, route, owner, live)) {
                return;
            }
            routes.remove(conn, route.connectionId()).toCompletableFuture().join();
            mailboxes.release(conn, owner).toCompletableFuture().join();
            meters.counter("switchboard.delivery.failed").increment();
        }
    }

    /** @return false when the callback failed (the route is then dropped by the caller) */
    private boolean deliverOn(String conn, Route route, String owner, boolean pickupLive) {
        while (true) {
            List<Delivery> batch = mailboxes
                    .reserve(
                            conn,
                            DeliveryRequest.of(
                                    config.pickup().maxBatch(),
                                    owner,
                                    config.pickup().lease()))
                    .toCompletableFuture()
                    .join();
            if (batch.isEmpty()) {
                return true;
            }
            if (pickupLive) {
                byte[] frame = envelopes.authcrypt(
                        deliveryMessage(batch), identity.invitationKey().verkey(), conn);
                boolean ok =
                        relay.send(route.send(), frame).toCompletableFuture().join();
                if (ok) {
                    meters.counter("switchboard.delivery", "mode", "live").increment(batch.size());
                    unconfirmed.put(conn, Instant.now());
                }
                return ok; // in flight until messages-received
            }
            for (Delivery d : batch) {
                if (!relay.send(route.send(), d.message()).toCompletableFuture().join()) {
                    return false;
                }
                mailboxes
                        .acknowledge(conn, List.of(d.messageId()))
                        .toCompletableFuture()
                        .join();
                meters.counter("switchboard.delivery", "mode", "implicit").increment();
            }
        }
    }

    /** A pickup 2.0 {@code delivery} (unthreaded) carrying the batch as {@code data.json} attachments. */
    static byte[] deliveryMessage(List<Delivery> batch) {
        ObjectNode delivery = Messages.create(PickupV2Handler.PIURI.message("delivery"));
        attach(delivery.putArray("~attach"), batch);
        try {
            return JSON.writeValueAsBytes(delivery);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code {"@id", "data":{"json": <envelope>}}} per message. */
    public static void attach(ArrayNode attachments, List<Delivery> batch) {
        for (Delivery d : batch) {
            ObjectNode attachment = attachments.addObject();
            attachment.put("@id", d.messageId());
            try {
                attachment.putObject("data").set("json", JSON.readTree(d.message()));
            } catch (IOException e) {
                throw new UncheckedIOException("stored message " + d.messageId() + " is not JSON", e);
            }
        }
    }

    private String liveKey(String conn) {
        return redis.prefix() + ":live:" + conn;
    }

    private String pickupKey(String conn) {
        return redis.prefix() + ":pickup:" + conn;
    }

    private String socketKey(String owner) {
        return redis.prefix() + ":sock:" + owner;
    }

    void onStop(@Observes ShutdownEvent event) {
        sweeper.shutdownNow();
        executor.shutdown();
    }
}
