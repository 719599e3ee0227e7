package dev.switchboard.mediator.delivery;

import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * The push loop: delivers what waits for a wallet over its newest live route. In pickup live mode as one
 * {@code delivery} message per batch (in flight until {@code messages-received}); otherwise (implicit mode)
 * each message as it was forwarded, acknowledged once the relay wrote it. A failed {@code send} callback
 * drops the route and returns the messages to pending; the next route, if any, is tried (up to 4 routes).
 * Pushes of one wallet run one at a time per instance on virtual threads.
 */
@ApplicationScoped
public class Pusher {
    private static final Logger LOG = Logger.getLogger(Pusher.class);

    private final Mailboxes mailboxes;
    private final RouteTable routes;
    private final RelayClient relay;
    private final WalletSessions sessions;
    private final LiveFrames frames;
    private final MediatorConfig config;
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
    public Pusher(
            Mailboxes mailboxes,
            RouteTable routes,
            RelayClient relay,
            WalletSessions sessions,
            LiveFrames frames,
            MediatorConfig config,
            MeterRegistry meters) {
        this.mailboxes = mailboxes;
        this.routes = routes;
        this.relay = relay;
        this.sessions = sessions;
        this.frames = frames;
        this.config = config;
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
            boolean live = sessions.isLive(conn, owner);
            if (!live && sessions.isPickupUser(conn)) {
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
                byte[] frame = frames.liveFrame(conn, batch);
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

    void onStop(@Observes ShutdownEvent event) {
        sweeper.shutdownNow();
        executor.shutdown();
    }
}
