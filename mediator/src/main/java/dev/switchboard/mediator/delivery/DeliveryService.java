package dev.switchboard.mediator.delivery;

import dev.switchboard.mediator.config.DeliveryConfig;
import dev.switchboard.mediator.config.RelayBackendConfig;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.quota.StorageBudget;
import dev.switchboard.mediator.store.WalletSessions;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Stores messages in wallets' mailboxes and delivers them over live routes (flows 2-4 of the architecture).
 *
 * <p>A wallet's mailbox and routes are named by its connection key (base58 verkey). Delivery over the
 * newest live route: in pickup 2.0 live mode as a {@code delivery} message (messages stay in flight until
 * {@code messages-received}); otherwise (implicit mode, return route on the socket) each message as it was
 * forwarded, deleted once the relay wrote it. A failed {@code send} callback drops the route and returns the
 * messages to pending; the next route, if any, is tried. Pushes of one wallet run one at a time per instance
 * on virtual threads; concurrent pushes on other instances hand out disjoint messages (atomic reserve).
 * Session state lives in {@link WalletSessions}, live {@code delivery} messages are packed by the pickup
 * protocols through {@link LiveDeliveryPacker}, the push loop is {@link Pusher}.
 */
@ApplicationScoped
public class DeliveryService {
    private final Mailboxes mailboxes;
    private final RouteTable routes;
    private final WalletSessions sessions;
    private final Pusher pusher;
    private final RelayBackendConfig relayConfig;
    private final MeterRegistry meters;
    private final DeliveryConfig deliveryConfig;
    private final OfflineWallets offline;
    private final StorageBudget budget;

    /** Constructor injection. */
    public DeliveryService(
            Mailboxes mailboxes,
            RouteTable routes,
            WalletSessions sessions,
            Pusher pusher,
            RelayBackendConfig relayConfig,
            MeterRegistry meters,
            DeliveryConfig deliveryConfig,
            OfflineWallets offline,
            StorageBudget budget) {
        this.budget = budget;
        this.offline = offline;
        this.deliveryConfig = deliveryConfig;
        this.mailboxes = mailboxes;
        this.routes = routes;
        this.sessions = sessions;
        this.pusher = pusher;
        this.relayConfig = relayConfig;
        this.meters = meters;
    }

    /**
     * The wallet confirmed deliveries ({@code messages-received}, after the acknowledgement): no re-push needed
     * for them.
     *
     * @return the wallet's mailbox status after the acknowledgement (see {@link Pusher#confirmed})
     */
    public MailboxStatus confirmed(String conn) {
        return pusher.confirmed(conn);
    }

    /**
     * A stored message's mailbox id: the unpadded base64url SHA-256 of its bytes, so a retried forward (or
     * reply) is stored once.
     */
    public static String messageId(byte[] message) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(message));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
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
        return store(conn, messageId, message, null);
    }

    /**
     * As {@link #store(String, String, byte[])}, dropped unread at {@code expiresAt} (DIDComm v2 {@code
     * expires_time}).
     */
    public EnqueueResult store(String conn, String messageId, byte[] message, @Nullable Instant expiresAt) {
        if (!budget.admits(message.length)) { // the global byte budget of all mailboxes
            return new EnqueueResult.Full(EnqueueResult.Limit.BYTES, 0, 0, 0, 0);
        }
        EnqueueResult result = mailboxes
                .enqueue(conn, messageId, message, Instant.now(), expiresAt)
                .toCompletableFuture()
                .join();
        meters.counter(
                        "switchboard.mailbox.enqueued",
                        "result",
                        result.getClass().getSimpleName().toLowerCase())
                .increment();
        if (!(result instanceof EnqueueResult.Full)) {
            // before the sender is acknowledged: should this instance die before its push, a sweep pushes
            pusher.recordFirstDeadline(conn, Instant.now().plus(deliveryConfig.storeDeadline()));
        }
        return result;
    }

    /**
     * Records that a wallet is reachable on a socket (any authenticated message on it) and delivers what
     * waits for it.
     */
    public void recordRoute(String conn, InboundTransport.Socket socket) {
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
        sessions.socketCarries(socket.owner(), conn);
        // the relay is evidently alive; original SocketDock relays send no heartbeats
        routes.heartbeat(socket.instanceId(), relayConfig.heartbeatTtl())
                .toCompletableFuture()
                .join();
    }

    /**
     * Turns live mode on or off for a wallet on one socket; live deliveries are then {@code delivery}
     * messages of {@code protocol} (messagepickup 2.0 / 3.0, message-pickup 4.0) in the wallet's generation.
     */
    public void liveMode(String conn, InboundTransport.Socket socket, boolean on, Piuri protocol) {
        if (on) {
            sessions.liveOn(conn, socket.owner(), protocol.uri());
        } else {
            sessions.liveOff(conn);
        }
    }

    /**
     * Remembers that a wallet picks up its messages with a pickup protocol: it then gets messages only in
     * pickup replies and live-mode deliveries, never written raw to its socket (implicit mode).
     */
    public void markPickupUser(String conn) {
        sessions.markPickupUser(conn);
    }

    /** True when the wallet uses a pickup protocol (see {@link #markPickupUser}). */
    public boolean isPickupUser(String conn) {
        return sessions.isPickupUser(conn);
    }

    /** True when the wallet is in live mode on {@code owner}'s socket. */
    public boolean isLive(String conn, String owner) {
        return sessions.isLive(conn, owner);
    }

    /**
     * A socket closed: its routes go, its in-flight messages return to pending, live mode on it ends. When
     * messages went back to pending, they are pushed to the wallet's newer socket if it has one (it
     * reconnected, possibly through another relay, before this disconnect arrived).
     */
    public void disconnected(String instanceId, String connectionId) {
        String owner = instanceId + "/" + connectionId;
        routes.removeConnection(instanceId, connectionId).toCompletableFuture().join();
        String conn = sessions.walletOn(owner);
        if (conn != null) {
            offline.socketClosed(conn); // active until now: push notifications wait a grace period
            int released = mailboxes.release(conn, owner).toCompletableFuture().join();
            if (sessions.isLive(conn, owner)) {
                sessions.liveOff(conn);
            }
            sessions.forgetSocket(owner);
            if (released > 0) {
                push(conn); // no route left: nothing happens until the wallet reconnects
            }
        }
    }

    /** Delivers what waits for a wallet over its newest live route, in the background. */
    public void push(String conn) {
        pusher.push(conn);
    }
}
