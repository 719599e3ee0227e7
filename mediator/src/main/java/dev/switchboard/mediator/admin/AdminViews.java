package dev.switchboard.mediator.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.queue.mailbox.DeadLetter;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.route.RelayInstance;
import dev.switchboard.queue.route.Route;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the admin API (snake_case fields; times ISO-8601 UTC, ages in seconds, sizes in bytes). */
public final class AdminViews {
    private AdminViews() {}

    /**
     * A wallet: its mediation, keylist, live session, routes and mailbox.
     *
     * @param connection the wallet's connection key (base58 verkey of its mediation connection)
     * @param mediationGranted when mediation was granted, null when it was not
     * @param keylist its recipient keys and DIDs (did:key form for keys)
     * @param live the socket it is in live mode on ({@code instance_id/connection_id}), null when none
     * @param liveProtocol the pickup PIURI of its live mode, null when none
     * @param pickupUser true when it picks up messages with a pickup protocol
     * @param routes its live sockets, newest first
     * @param mailbox its mailbox
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Wallet(
            String connection,
            @Nullable Instant mediationGranted,
            List<String> keylist,
            @Nullable String live,
            @Nullable String liveProtocol,
            boolean pickupUser,
            List<RouteView> routes,
            Mailbox mailbox) {}

    /**
     * A live socket of a wallet.
     *
     * @param instanceId the relay instance holding it
     * @param connectionId the socket's id on that relay
     * @param send the relay's send callback
     * @param since first seen
     * @param leaseUntil when the route lapses without traffic
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RouteView(String instanceId, String connectionId, String send, Instant since, Instant leaseUntil) {
        static RouteView of(Route r) {
            return new RouteView(r.instanceId(), r.connectionId(), r.send().toString(), r.since(), r.leaseUntil());
        }
    }

    /**
     * A wallet's mailbox status (pickup 2.0 {@code status} figures plus in-flight).
     *
     * @param pendingCount messages waiting
     * @param pendingBytes their bytes
     * @param oldestReceived receipt of the oldest waiting message, null when none
     * @param oldestAgeSeconds its age in seconds, 0 when none
     * @param inFlightCount messages handed out and not yet acknowledged
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Mailbox(
            long pendingCount,
            long pendingBytes,
            @Nullable Instant oldestReceived,
            long oldestAgeSeconds,
            long inFlightCount) {
        static Mailbox of(MailboxStatus s) {
            return new Mailbox(
                    s.pendingCount(),
                    s.pendingBytes(),
                    s.oldestReceived(),
                    s.longestWait().toSeconds(),
                    s.inFlightCount());
        }
    }

    /**
     * A dead letter (its bytes are never shown).
     *
     * @param messageId the message's mailbox id (requeue it with this)
     * @param reason why it was dropped, e.g. {@code EXPIRED}
     * @param size its size in bytes
     * @param receivedAt when it was received
     * @param droppedAt when it was dropped
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeadLetterView(String messageId, String reason, long size, Instant receivedAt, Instant droppedAt) {
        static DeadLetterView of(DeadLetter d) {
            return new DeadLetterView(d.messageId(), d.reason().name(), d.size(), d.receivedAt(), d.droppedAt());
        }
    }

    /**
     * A requeue's outcome.
     *
     * @param messageId the requeued message
     * @param pendingCount the wallet's pending messages afterwards
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Requeued(String messageId, long pendingCount) {}

    /**
     * A purge's outcome.
     *
     * @param purged dead letters deleted
     */
    public record Purged(long purged) {}

    /**
     * A wallet's removal.
     *
     * @param connection the removed wallet
     * @param mediationRevoked true when it held a mediation
     * @param keysRemoved recipient keys removed from the index
     * @param messagesDeleted stored messages deleted (pending and in flight)
     * @param routesRemoved live sockets forgotten
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Removed(
            String connection, boolean mediationRevoked, int keysRemoved, long messagesDeleted, int routesRemoved) {}

    /**
     * An alive relay.
     *
     * @param instanceId its instance id
     * @param connections open sockets its last heartbeat reported
     * @param aliveUntil when it stops counting as alive without another heartbeat
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RelayView(String instanceId, int connections, Instant aliveUntil) {
        static RelayView of(RelayInstance r) {
            return new RelayView(r.instanceId(), r.connections(), r.aliveUntil());
        }
    }

    /**
     * System figures.
     *
     * @param instanceId this mediator instance (host name)
     * @param relaysAlive relay instances whose heartbeat has not lapsed
     * @param sockets open sockets on them, as their last heartbeats reported
     * @param relays the alive relays: {@code instance_id}, {@code connections}, {@code alive_until}
     * @param mailboxTotalsKept false on Redis Cluster, where totals are not kept (the fields below are 0)
     * @param storedMessages messages stored in all mailboxes
     * @param storedBytes their bytes
     * @param mailboxesPending mailboxes with a waiting message
     * @param oldestPendingAgeSeconds age of the oldest waiting message of any mailbox, 0 when none
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stats(
            String instanceId,
            int relaysAlive,
            long sockets,
            List<RelayView> relays,
            boolean mailboxTotalsKept,
            long storedMessages,
            long storedBytes,
            long mailboxesPending,
            long oldestPendingAgeSeconds) {}
}
