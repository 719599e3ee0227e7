package dev.switchboard.mediator.delivery;

import dev.switchboard.mediator.config.DeliveryConfig;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.store.DeliveryDeadlines;
import dev.switchboard.mediator.store.WalletSessions;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The push loop: delivers what waits for a wallet over its newest live route. In pickup live mode as one
 * {@code delivery} message per batch (in flight until {@code messages-received}); otherwise (implicit mode)
 * each message as it was forwarded, acknowledged once the relay wrote it. A failed {@code send} callback
 * drops the route and returns the messages to pending; the next route, if any, is tried (up to 4 routes).
 * Pushes of one wallet run one at a time per instance on virtual threads.
 *
 * <p>Recovery is stateless: once it reserved a batch and before sending it, a push records the wallet's
 * delivery deadline in {@link DeliveryDeadlines} (now + pickup lease + grace); {@code messages-received}
 * clears it when nothing is left in flight. (An instance dying between the reserve and the record, two
 * consecutive Redis calls, leaves that batch to the wallet's next message or reconnect.) Every instance sweeps due deadlines (claimed atomically,
 * so one instance takes each) and pushes again: a live delivery the wallet never confirmed, or one whose
 * instance died after reserving, is re-sent by whichever instance is alive.
 *
 * <p>The sweep is scheduled, not periodic: it runs at the earliest deadline in Redis it saw (or one this
 * instance recorded since), at most every {@code switchboard.delivery.sweep-period} and at least every {@code
 * idle-sweep-period}, so an idle instance wakes every few seconds instead of every second, and a deadline
 * recorded by an instance that died is found within the idle period.
 */
@ApplicationScoped
@Startup // the sweep runs on every instance, whether or not it has pushed anything yet
public class Pusher {
    private static final Logger LOG = Logger.getLogger(Pusher.class);

    private final Mailboxes mailboxes;
    private final RouteTable routes;
    private final RelayClient relay;
    private final WalletSessions sessions;
    private final LiveDeliveryPacker packer;
    private final DeliveryDeadlines deadlines;
    private final MediatorConfig config;
    private final DeliveryConfig deliveryConfig;
    private final MeterRegistry meters;
    private final OfflineWallets offline;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Wallet -> push requests not yet served, only while a push of that wallet runs or waits: the entry goes
     * when its push loop ends, so the map holds the wallets being pushed now, not every wallet ever pushed
     * (issue 13, hole 3). Its size is the gauge {@code switchboard.delivery.pushes.active}.
     */
    private final ConcurrentHashMap<String, Integer> pushes = new ConcurrentHashMap<>();
    /**
     * Wallets this instance's sweep claimed and has not pushed yet: a push that finds no usable route for one
     * clears its claimed deadline (a hint only: a lost entry just means one more claim after the claim lease).
     */
    private final Map<String, Instant> swept = new ConcurrentHashMap<>();

    private final long minSweepMillis;
    private final long idleSweepMillis;
    private final Object sweepLock = new Object();
    /** When the next sweep runs (epoch ms), {@link Long#MAX_VALUE} while one runs or none is scheduled. */
    private volatile long nextSweepMillis = Long.MAX_VALUE;
    /** When the last sweep started (epoch ms). */
    private volatile long lastSweepMillis;

    private @Nullable ScheduledFuture<?> nextSweep;

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
            LiveDeliveryPacker packer,
            DeliveryDeadlines deadlines,
            MediatorConfig config,
            DeliveryConfig deliveryConfig,
            MeterRegistry meters,
            OfflineWallets offline) {
        this.offline = offline;
        this.mailboxes = mailboxes;
        this.routes = routes;
        this.relay = relay;
        this.sessions = sessions;
        this.packer = packer;
        this.deadlines = deadlines;
        this.config = config;
        this.deliveryConfig = deliveryConfig;
        this.meters = meters;
        meters.gauge("switchboard.delivery.pushes.active", pushes, Map::size);
        this.minSweepMillis = Math.max(1, deliveryConfig.sweepPeriod().toMillis());
        this.idleSweepMillis =
                Math.max(minSweepMillis, deliveryConfig.idleSweepPeriod().toMillis());
        scheduleSweep(System.currentTimeMillis() + minSweepMillis);
    }

    /**
     * Records a wallet's delivery deadline (see {@link DeliveryDeadlines#record}) and makes this instance's
     * sweep run by then.
     */
    public void recordDeadline(String conn, Instant deadline) {
        deadlines.record(conn, deadline);
        scheduleSweep(deadline.toEpochMilli());
    }

    /**
     * Records a stored message's first deadline unless the wallet has one (see {@link
     * DeliveryDeadlines#recordIfAbsent}), and makes this instance's sweep run by then.
     */
    public void recordFirstDeadline(String conn, Instant deadline) {
        deadlines.recordIfAbsent(conn, deadline);
        scheduleSweep(deadline.toEpochMilli());
    }

    /**
     * Makes the next sweep run at {@code atMillis} (epoch ms) unless one is due sooner, and never sooner than
     * {@link DeliveryConfig#sweepPeriod()} after the last one started.
     */
    private void scheduleSweep(long atMillis) {
        long at = Math.max(atMillis, lastSweepMillis + minSweepMillis);
        if (at >= nextSweepMillis) {
            return; // (racy read: at worst a redundant reschedule below)
        }
        synchronized (sweepLock) {
            if (at >= nextSweepMillis || sweeper.isShutdown()) {
                return;
            }
            if (nextSweep != null) {
                nextSweep.cancel(false);
            }
            nextSweepMillis = at;
            try {
                nextSweep = sweeper.schedule(this::sweep, at - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                nextSweep = null; // shutting down
            }
        }
    }

    /**
     * Re-pushes to wallets whose delivery deadline passed, whichever instance recorded it: the messages have
     * gone back to pending (the socket died after the relay accepted the frame, the wallet never answered, or
     * the pushing instance died), and nothing else would trigger a new delivery while the wallet stays live.
     */
    void sweep() {
        long started = System.currentTimeMillis();
        synchronized (sweepLock) { // deadlines recorded from now on schedule the next sweep themselves
            lastSweepMillis = started;
            nextSweepMillis = Long.MAX_VALUE;
            nextSweep = null;
        }
        long next = started + idleSweepMillis;
        try {
            Instant now = Instant.ofEpochMilli(started);
            Instant claimUntil = now.plus(deliveryConfig.claimLease());
            DeliveryDeadlines.Claimed claimed = deadlines.claimDue(now, claimUntil, deliveryConfig.sweepBatch());
            meters.counter("switchboard.delivery.sweeps").increment();
            for (String conn : claimed.wallets()) {
                swept.put(conn, claimUntil);
                meters.counter("switchboard.delivery.repush").increment();
                push(conn);
            }
            if (claimed.next() != null) {
                next = Math.min(next, claimed.next().toEpochMilli());
            }
        } catch (RuntimeException e) {
            LOG.warnf("delivery sweep failed (retried after the sweep period): %s", e.toString());
            next = started;
        }
        scheduleSweep(next);
    }

    /**
     * The wallet confirmed deliveries ({@code messages-received}, after the acknowledgement): its deadline ends
     * once nothing of it is in flight any more. Messages still in flight (a batch pushed meanwhile, or ids the
     * wallet did not list) keep it, so a sweep re-sends them after their lease. The clear is conditional on
     * the deadline read first: a push that recorded a newer one in between keeps its own.
     *
     * @return the wallet's mailbox status read after the deadline (the caller's {@code status} reply uses it,
     *     so it is not read twice)
     */
    public MailboxStatus confirmed(String conn) {
        Instant deadline = deadlines.deadline(conn); // read first: a newer one recorded after this is kept
        MailboxStatus status = mailboxes.status(conn).toCompletableFuture().join();
        if (deadline != null && status.inFlightCount() == 0) {
            deadlines.clearIf(conn, deadline);
        }
        return status;
    }

    /** Delivers what waits for a wallet over its newest live route, in the background. */
    public void push(String conn) {
        if (pushes.merge(conn, 1, Integer::sum) == 1) { // no push of this wallet runs: start one
            // the push continues the caller's trace (a forward's, a pickup's), if any
            executor.execute(io.opentelemetry.context.Context.current().wrap(() -> {
                boolean more;
                do {
                    int seen = pushes.getOrDefault(conn, 1);
                    try {
                        pushNow(conn);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "delivery to %s failed; messages stay queued", conn);
                    }
                    // requests that came meanwhile keep the entry and loop once more; none: the entry goes
                    more = pushes.computeIfPresent(conn, (k, n) -> n == seen ? null : n - seen) != null;
                } while (more);
            }));
        }
    }

    private void pushNow(String conn) {
        @Nullable Instant claim = swept.remove(conn);
        for (int attempt = 0; attempt < 4; attempt++) {
            List<Route> current = routes.routes(conn).toCompletableFuture().join();
            if (current.isEmpty()) {
                endClaim(conn, claim); // reconnecting pushes again (the route's first message)
                offline.messagesWaiting(conn); // may wake its device (push notifications)
                return;
            }
            Route route = current.get(0);
            String owner = route.instanceId() + "/" + route.connectionId();
            WalletSessions.LiveSession session = sessions.liveSession(conn); // live socket and protocol at once
            boolean live = session.isLiveOn(owner);
            if (!live && sessions.isPickupUser(conn)) {
                endClaim(conn, claim);
                return; // it asks with status-request / delivery-request or turns live mode on
            }
            if (deliverOn(conn, route, owner, live, session.protocol())) {
                endClaim(conn, claim); // (a batch sent since recorded a newer deadline, which stays)
                return;
            }
            routes.remove(conn, route.connectionId()).toCompletableFuture().join();
            mailboxes.release(conn, owner).toCompletableFuture().join();
            meters.counter("switchboard.delivery.failed").increment();
        }
    }

    /** A swept wallet was pushed: its claim ends, or it would be claimed again and again. */
    private void endClaim(String conn, @Nullable Instant claim) {
        if (claim != null) {
            deadlines.clearIf(conn, claim);
        }
    }

    /**
     * @param liveProtocol the pickup PIURI of live mode, as stored (null: none stored)
     * @return false when the callback failed (the route is then dropped by the caller)
     */
    private boolean deliverOn(
            String conn, Route route, String owner, boolean pickupLive, @Nullable String liveProtocol) {
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
            // before sending: should this instance die now, another one re-pushes once the lease ended
            recordDeadline(conn, Instant.now().plus(config.pickup().lease()).plus(deliveryConfig.deadlineGrace()));
            if (pickupLive) {
                byte[] frame = packer.pack(conn, liveProtocol, batch);
                boolean ok = relay.send(route.instanceId(), route.send(), frame)
                        .toCompletableFuture()
                        .join();
                if (ok) {
                    meters.counter("switchboard.delivery", "mode", "live").increment(batch.size());
                }
                return ok; // in flight until messages-received (or the deadline: a sweep re-pushes)
            }
            for (Delivery d : batch) {
                if (!relay.send(route.instanceId(), route.send(), d.message())
                        .toCompletableFuture()
                        .join()) {
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
