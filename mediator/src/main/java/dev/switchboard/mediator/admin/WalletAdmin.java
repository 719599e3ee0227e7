package dev.switchboard.mediator.admin;

import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.mediation.RecipientDids;
import dev.switchboard.mediator.store.DeliveryDeadlines;
import dev.switchboard.mediator.store.WalletSessions;
import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.mailbox.MailboxAdmin;
import dev.switchboard.queue.mailbox.MailboxTotals;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.mailbox.RequeueResult;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.route.RouteTable;
import io.lettuce.core.RedisException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What the admin API does, through the same store and queue classes as the protocols ({@link
 * MediationStore}, {@link WalletSessions}, {@link RouteTable}, {@link Mailboxes}, {@link MailboxAdmin}).
 * Blocking: call from worker threads. Store failures become {@link Problem.Type#UNAVAILABLE}; every mutation
 * is recorded in the {@link AuditLog}.
 */
@ApplicationScoped
public class WalletAdmin {
    private final MediationStore mediations;
    private final WalletSessions sessions;
    private final RouteTable routes;
    private final Mailboxes mailboxes;
    private final MailboxAdmin mailboxAdmin;
    private final DeliveryService delivery;
    private final DeliveryDeadlines deadlines;
    private final AuditLog audit;

    /** Constructor injection. */
    public WalletAdmin(
            MediationStore mediations,
            WalletSessions sessions,
            RouteTable routes,
            Mailboxes mailboxes,
            MailboxAdmin mailboxAdmin,
            DeliveryService delivery,
            DeliveryDeadlines deadlines,
            AuditLog audit) {
        this.mediations = mediations;
        this.sessions = sessions;
        this.routes = routes;
        this.mailboxes = mailboxes;
        this.mailboxAdmin = mailboxAdmin;
        this.delivery = delivery;
        this.deadlines = deadlines;
        this.audit = audit;
    }

    /**
     * The wallet connection that owns a recipient key or DID (did:key, base58 verkey, any DID or DID URL, as
     * forwards are routed).
     */
    public Optional<String> ownerOf(String recipient) {
        return store(() -> mediations.route(recipient));
    }

    /**
     * A wallet's view.
     *
     * @throws AdminProblem 404 when the connection holds no mediation and has no mailbox messages
     */
    public AdminViews.Wallet wallet(String conn) {
        return store(() -> {
            Optional<Instant> granted = mediations.grantedAt(conn);
            AdminViews.Mailbox mailbox = AdminViews.Mailbox.of(join(mailboxes.status(conn)));
            if (granted.isEmpty() && mailbox.pendingCount() == 0 && mailbox.inFlightCount() == 0) {
                throw new AdminProblem(Problem.Type.NOT_FOUND, "no wallet with this connection key");
            }
            List<String> keys =
                    mediations.keys(conn).stream().map(RecipientDids::display).toList();
            return new AdminViews.Wallet(
                    conn,
                    granted.orElse(null),
                    keys,
                    sessions.liveSocket(conn),
                    sessions.liveProtocol(conn),
                    sessions.isPickupUser(conn),
                    join(routes.routes(conn)).stream()
                            .map(AdminViews.RouteView::of)
                            .toList(),
                    mailbox);
        });
    }

    /** A wallet's mailbox status. */
    public AdminViews.Mailbox mailbox(String conn) {
        return store(() -> AdminViews.Mailbox.of(join(mailboxes.status(conn))));
    }

    /** A wallet's dead letters, newest first. */
    public List<AdminViews.DeadLetterView> deadLetters(String conn, int limit) {
        return store(() -> join(mailboxes.deadLetters(conn, limit)).stream()
                .map(AdminViews.DeadLetterView::of)
                .toList());
    }

    /**
     * Puts a dead letter back into the wallet's mailbox and pushes it if the wallet is live.
     *
     * @throws AdminProblem 404 no such dead letter, 409 the id is stored, 507 the mailbox is full
     */
    public AdminViews.Requeued requeue(String conn, String messageId) {
        RequeueResult result = store(() -> join(mailboxAdmin.requeueDeadLetter(conn, messageId)));
        audit.action("dead-letter.requeue", conn, result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        return switch (result.outcome()) {
            case REQUEUED -> {
                delivery.push(conn);
                yield new AdminViews.Requeued(messageId, result.pendingCount());
            }
            case NOT_FOUND ->
                throw new AdminProblem(
                        Problem.Type.NOT_FOUND, "no dead letter with this id whose bytes are kept: " + messageId);
            case ALREADY_STORED ->
                throw new AdminProblem(Problem.Type.CONFLICT, "a message with this id is in the mailbox: " + messageId);
            case FULL_COUNT, FULL_BYTES ->
                throw new AdminProblem(
                        Problem.Type.MAILBOX_FULL,
                        "the mailbox cap (" + (result.outcome() == RequeueResult.Outcome.FULL_COUNT ? "count" : "bytes")
                                + ") rejects the message");
        };
    }

    /** Deletes a wallet's dead letters. */
    public AdminViews.Purged purge(String conn) {
        long purged = store(() -> join(mailboxAdmin.purgeDeadLetters(conn)));
        audit.action("dead-letter.purge", conn, "purged=" + purged);
        return new AdminViews.Purged(purged);
    }

    /**
     * Removes a wallet (GDPR erasure): its mediation and keys, its mailbox with dead letters, its routes and
     * session state, its delivery deadline. Its open socket, if any, stays open until the relay closes it; what
     * it sends next is refused as from an unknown wallet.
     *
     * @throws AdminProblem 404 when nothing of the wallet is stored
     */
    public AdminViews.Removed remove(String conn) {
        AdminViews.Removed removed = store(() -> {
            boolean granted = mediations.isGranted(conn);
            List<Route> live = join(routes.routes(conn));
            List<String> keys = mediations.revoke(conn);
            long messages = join(mailboxAdmin.delete(conn));
            for (Route route : live) {
                join(routes.remove(conn, route.connectionId()));
            }
            sessions.forget(
                    conn,
                    live.stream()
                            .map(r -> r.instanceId() + "/" + r.connectionId())
                            .toList());
            Instant deadline = deadlines.deadline(conn);
            if (deadline != null) {
                deadlines.clearIf(conn, deadline);
            }
            return new AdminViews.Removed(conn, granted, keys.size(), messages, live.size());
        });
        boolean anything = removed.mediationRevoked() || removed.keysRemoved() > 0 || removed.messagesDeleted() > 0;
        audit.action("wallet.remove", conn, anything ? "removed" : "not-found");
        if (!anything) {
            throw new AdminProblem(Problem.Type.NOT_FOUND, "no wallet with this connection key");
        }
        return removed;
    }

    /** The relay instances whose heartbeat has not lapsed, with their last socket counts. */
    public List<dev.switchboard.queue.route.RelayInstance> relays() {
        return store(() -> join(routes.relays()));
    }

    /** The totals of all mailboxes. */
    public MailboxTotals totals() {
        return store(() -> join(mailboxAdmin.totals()));
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static <T> T store(Supplier<T> call) {
        try {
            return call.get();
        } catch (QueueException | RedisException e) {
            throw new AdminProblem(
                    Problem.Type.UNAVAILABLE,
                    "the store failed: " + e.getClass().getSimpleName());
        }
    }
}
