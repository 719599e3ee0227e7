package dev.switchboard.mediator.admin;

import dev.switchboard.queue.mailbox.MailboxTotals;
import dev.switchboard.queue.route.RelayInstance;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

/**
 * The admin API under {@code /admin} (guarded by {@link AdminAuthFilter}; described at {@code /q/openapi}).
 * Wallets are named by their connection key (the base58 verkey of their mediation connection), as the
 * mailboxes and routes are. Errors are RFC 9457 problem JSON ({@link Problem}).
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Operating the mediator: wallets, mailboxes, dead letters, figures")
@SecurityScheme(
        securitySchemeName = "adminToken",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "switchboard.admin.token-file / SWITCHBOARD_ADMIN_TOKEN")
@SecurityRequirement(name = "adminToken")
public class AdminResource {
    private static final int MAX_LIMIT = 1000;

    private final WalletAdmin admin;
    private final String instanceId;

    /** Constructor injection. */
    public AdminResource(WalletAdmin admin) {
        this.admin = admin;
        this.instanceId = hostName();
    }

    /**
     * Finds a wallet by exactly one of: its connection key, a recipient DID or key of its keylist ({@code did}),
     * or a base58 recipient key ({@code recipient_key}).
     */
    @GET
    @Path("/wallets")
    @Operation(summary = "Find a wallet by connection key, recipient DID or recipient key")
    public AdminViews.Wallet find(
            @QueryParam("connection") @Nullable String connection,
            @QueryParam("did") @Nullable String did,
            @QueryParam("recipient_key") @Nullable String recipientKey) {
        List<String> given = Stream.of(connection, did, recipientKey)
                .filter(v -> v != null && !v.isBlank())
                .toList();
        if (given.size() != 1) {
            throw new AdminProblem(
                    Problem.Type.BAD_REQUEST,
                    "give exactly one of the query parameters connection, did, recipient_key");
        }
        String conn = connection != null && !connection.isBlank()
                ? connection
                : admin.ownerOf(given.get(0))
                        .orElseThrow(() -> new AdminProblem(
                                Problem.Type.NOT_FOUND, "no wallet has this recipient in its keylist"));
        return admin.wallet(conn);
    }

    /** A wallet: mediation, keylist, live session and routes, mailbox. */
    @GET
    @Path("/wallets/{connection}")
    @Operation(summary = "A wallet: mediation, keylist, live session, routes, mailbox")
    public AdminViews.Wallet wallet(@PathParam("connection") String connection) {
        return admin.wallet(connection);
    }

    /** Removes a wallet: mediation, keys, mailbox with dead letters, routes and sessions, in one call. */
    @DELETE
    @Path("/wallets/{connection}")
    @Operation(summary = "Remove a wallet (GDPR erasure): mediation, keys, mailbox, dead letters, sessions")
    public AdminViews.Removed remove(@PathParam("connection") String connection) {
        return admin.remove(connection);
    }

    /** A wallet's mailbox: pending count and bytes, oldest age, in flight. */
    @GET
    @Path("/wallets/{connection}/mailbox")
    @Operation(summary = "A wallet's mailbox status")
    public AdminViews.Mailbox mailbox(@PathParam("connection") String connection) {
        return admin.mailbox(connection);
    }

    /** A wallet's dead letters, newest first ({@code limit} 1..1000, default 100). */
    @GET
    @Path("/wallets/{connection}/dead-letters")
    @Operation(summary = "A wallet's dead letters, newest first")
    public List<AdminViews.DeadLetterView> deadLetters(
            @PathParam("connection") String connection, @QueryParam("limit") @Nullable String limit) {
        return admin.deadLetters(connection, limit(limit));
    }

    /** Puts a dead letter back into the mailbox; a live wallet gets it at once. */
    @POST
    @Path("/wallets/{connection}/dead-letters/{messageId}/requeue")
    @Operation(summary = "Requeue a dead letter (delivered at once to a live wallet)")
    public AdminViews.Requeued requeue(
            @PathParam("connection") String connection, @PathParam("messageId") String messageId) {
        return admin.requeue(connection, messageId);
    }

    /** Deletes every dead letter of a wallet. */
    @DELETE
    @Path("/wallets/{connection}/dead-letters")
    @Operation(summary = "Purge a wallet's dead letters")
    public AdminViews.Purged purge(@PathParam("connection") String connection) {
        return admin.purge(connection);
    }

    /** System figures: this instance, the alive relays and their sockets, the totals of all mailboxes. */
    @GET
    @Path("/stats")
    @Operation(summary = "System figures: this instance, alive relays and their sockets, totals of all mailboxes")
    public AdminViews.Stats stats() {
        MailboxTotals totals = admin.totals();
        List<RelayInstance> relays = admin.relays();
        return new AdminViews.Stats(
                instanceId,
                relays.size(),
                relays.stream().mapToLong(RelayInstance::connections).sum(),
                relays.stream().map(AdminViews.RelayView::of).toList(),
                totals.kept(),
                totals.storedCount(),
                totals.storedBytes(),
                totals.mailboxesPending(),
                totals.oldestPendingAge(Instant.now()).toSeconds());
    }

    private static int limit(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new AdminProblem(Problem.Type.BAD_REQUEST, "limit: '%s' (expected: 1 to %d)".formatted(value, MAX_LIMIT));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
