package dev.switchboard.mediator.inbound;

import dev.switchboard.mediator.config.InboundLogConfig;
import dev.switchboard.mediator.config.MailboxConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.inbound.InboundLog;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Where routing 1.0 and 2.0 hand an accepted forward (through {@code protocol.routing.Forwards}, whatever the
 * ingress: {@code POST /} or a relay's frame). Without an inbound log the message is stored in the wallet's
 * mailbox (the caller pushes it after the reply); with one it is appended to the log ({@link ForwardRecord},
 * keyed by the forward's recipient key) and {@link InboundLogConsumer} stores and pushes it, on whichever
 * instance owns the entry. Either way the call returns only once the message is durable, so the sender's 202
 * means what it always meant.
 */
@ApplicationScoped
public class ForwardIntake {
    /** What became of a forward. */
    public enum Outcome {
        /** In the wallet's mailbox (no log): the caller pushes it. */
        STORED,
        /** In the inbound log: its consumer stores and pushes it. */
        LOGGED,
        /** Refused: the wallet's mailbox is full. */
        FULL
    }

    private final DeliveryService delivery;
    private final Optional<InboundLog> log;
    private final Duration appendTimeout;
    private final Mailboxes mailboxes;
    private final MailboxConfig caps;

    /** Constructor injection. */
    public ForwardIntake(
            DeliveryService delivery,
            InboundLogs logs,
            InboundLogConfig config,
            Mailboxes mailboxes,
            MailboxConfig caps) {
        this.mailboxes = mailboxes;
        this.caps = caps;
        this.delivery = delivery;
        this.log = logs.log();
        this.appendTimeout = config.appendTimeout();
    }

    /**
     * Accepts one forwarded message for a wallet; blocks until it is durable (in the mailbox, or in the log).
     *
     * @param conn the wallet's mailbox (connection key) the recipient key resolved to
     * @param recipientKey the recipient key as the forward named it (routing 1.0 {@code to} as a base58 verkey,
     *     routing 2.0 {@code next}): the log's partition key, so one recipient's forwards keep their order
     * @param message the forwarded message (encrypted to the wallet)
     * @param expiresAt when to drop it unread (routing 2.0 {@code expires_time}), or null
     * @return {@link Outcome#FULL} when the wallet's mailbox is full (with a log: checked before the append against the
     *     messages already stored; forwards still in the log are not counted, so a burst can pass the cap after
     *     its 202: the consumer then drops them and counts {@code switchboard_inbound_log_dropped_total})
     * @throws QueueException when the store or the log failed or did not answer in {@code append-timeout} (the
     *     sender gets 503 and retries; a late append is stored once, enqueue being idempotent by message id)
     */
    public Outcome accept(String conn, String recipientKey, byte[] message, @Nullable Instant expiresAt) {
        String id = DeliveryService.messageId(message);
        if (log.isEmpty()) {
            return delivery.store(conn, id, message, expiresAt).accepted() ? Outcome.STORED : Outcome.FULL;
        }
        MailboxStatus status = mailboxes.status(conn).toCompletableFuture().join();
        if (status.pendingCount() + status.inFlightCount() >= caps.maxMessages()
                || status.pendingBytes() + message.length > caps.maxBytes()) {
            return Outcome.FULL;
        }
        byte[] payload = new ForwardRecord(conn, id, recipientKey, message, expiresAt).encode();
        try {
            log.get()
                    .append(recipientKey, payload)
                    .toCompletableFuture()
                    .get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof QueueException q ? q : new QueueException("log append failed", e.getCause());
        } catch (TimeoutException e) {
            throw new QueueException("log append not acknowledged within " + appendTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueException("interrupted waiting for the log append", e);
        }
        return Outcome.LOGGED;
    }
}
