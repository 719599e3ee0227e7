package dev.switchboard.mediator.protocol.messagepickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What messagepickup 2.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0685-pickup-v2">Aries
 * RFC 0685</a>), 3.0 and message-pickup 4.0 share (mediator role): {@code status-request} -> {@code status};
 * {@code delivery-request} -> {@code delivery} (oldest first; messages stay in flight until {@code
 * messages-received}); {@code messages-received} -> {@code status}; {@code live-delivery-change} -> {@code
 * status} on a socket and {@code e.m.live-mode-not-supported} over HTTP. {@code status} counts pending messages
 * only (handed-out, unconfirmed messages are in flight). Each version's handler calls these with its {@link
 * PickupVersion}: the recipient field name, time format, the delivery request's limits, the answer to an empty
 * queue and the attachment encoding.
 *
 * <p>The mailbox is the wallet's (the authenticated sender's, granted with coordinate mediation). An optional
 * recipient ({@link PickupVersion#version.recipientField()}) is echoed in the answers and selects the whole mailbox or nothing
 * ({@link RecipientScope}).
 */
@ApplicationScoped
public class PickupExchange {
    private final Mailboxes mailboxes;
    private final MediationStore mediations;
    private final DeliveryService delivery;
    private final MediatorConfig config;

    /** Constructor injection. */
    public PickupExchange(
            Mailboxes mailboxes, MediationStore mediations, DeliveryService delivery, MediatorConfig config) {
        this.mailboxes = mailboxes;
        this.mediations = mediations;
        this.delivery = delivery;
        this.config = config;
    }

    /**
     * The mailbox of a pickup request's sender, who from now on gets messages only through pickup (never
     * written raw to its socket).
     *
     * @return the wallet's connection
     * @throws MediatorProblem {@code e.p.trust.not-authenticated} for an anonymous sender, {@code
     *     e.p.req.mediation-not-granted} without a granted mediation
     */
    public String wallet(InboundMessage message) {
        String conn = mediations.requireGranted(message.requireSender());
        delivery.markPickupUser(conn);
        return conn;
    }

    /** {@code status-request} -> {@code status}. */
    public Handled status(InboundMessage in, PickupVersion version) {
        return Handled.reply(status(in, wallet(in), version));
    }

    private ObjectNode status(InboundMessage in, String conn, PickupVersion version) {
        MailboxStatus s = RecipientScope.selectsMailbox(mediations, conn, in.content(), version.recipientField())
                ? mailboxes.status(conn).toCompletableFuture().join()
                : RecipientScope.NOTHING;
        InboundTransport.Socket socket = in.transport().socket();
        return status(in, s, socket != null && delivery.isLive(conn, socket.owner()), version);
    }

    /** The {@code status} reply of a selection's figures {@code s}. */
    private ObjectNode status(InboundMessage in, MailboxStatus s, boolean live, PickupVersion version) {
        ObjectNode status = Messages.replyInKind(in, version.piuri().message("status"));
        ObjectNode content = Messages.content(status);
        echoRecipient(in, content, version);
        content.put("message_count", s.pendingCount());
        content.put("total_bytes", s.pendingBytes());
        content.put("longest_waited_seconds", s.longestWait().toSeconds());
        if (s.oldestReceived() != null) {
            content.set("oldest_received_time", version.time().apply(s.oldestReceived()));
        }
        if (s.newestReceived() != null) {
            content.set("newest_received_time", version.time().apply(s.newestReceived()));
        }
        content.put("live_delivery", live);
        return status;
    }

    /** {@code delivery-request} -> {@code delivery} (or {@code status} for an empty queue, 2.0 and 3.0). */
    public Handled deliver(InboundMessage in, PickupVersion version) {
        String conn = wallet(in);
        InboundTransport.Socket socket = in.transport().socket();
        String owner = socket != null ? socket.owner() : "http/" + UUID.randomUUID();
        DeliveryRequest request = request(in.content(), owner, version);
        List<Delivery> batch = RecipientScope.selectsMailbox(mediations, conn, in.content(), version.recipientField())
                ? mailboxes.reserve(conn, request).toCompletableFuture().join()
                : List.of();
        if (batch.isEmpty() && !version.emptyDelivery()) {
            return Handled.reply(status(in, conn, version));
        }
        ObjectNode reply = Messages.replyInKind(in, version.piuri().message("delivery"));
        echoRecipient(in, Messages.content(reply), version);
        version.attach().accept(reply, batch);
        if (batch.isEmpty() && !in.isV2()) {
            reply.putArray("~attach"); // (a v2 plaintext omits an empty attachment list)
        }
        return Handled.reply(reply);
    }

    /**
     * {@code messages-received} -> {@code status}; in live mode the mailbox is pushed after it when messages are
     * still pending.
     */
    public Handled received(InboundMessage in, PickupVersion version) {
        String conn = wallet(in);
        JsonNode ids = Messages.requireArray(in.content(), "message_id_list");
        List<String> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw new MediatorProblem(ProblemCode.MSG_INVALID, "'message_id_list' must hold strings");
            }
            list.add(id.asText());
        }
        mailboxes.acknowledge(conn, list).toCompletableFuture().join();
        MailboxStatus after = delivery.confirmed(conn); // read once: for the push decision and the reply
        InboundTransport.Socket socket = in.transport().socket();
        boolean live = socket != null && delivery.isLive(conn, socket.owner());
        boolean selected = RecipientScope.selectsMailbox(mediations, conn, in.content(), version.recipientField());
        Handled status = Handled.reply(status(in, selected ? after : RecipientScope.NOTHING, live, version));
        // pushed again only when messages wait beyond the last batch (a batch is at most max-batch); a message
        // stored since is pushed by its own forward
        return live && after.pendingCount() > 0 ? status.thenPush(conn) : status;
    }

    /** {@code live-delivery-change} -> {@code status}; turning it on pushes the mailbox after the status. */
    public Handled liveChange(InboundMessage in, PickupVersion version) {
        String conn = wallet(in);
        JsonNode live = in.content().get("live_delivery");
        if (live == null || !live.isBoolean()) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "'live_delivery' must be true or false");
        }
        InboundTransport.Socket socket = in.transport().socket();
        if (socket == null) {
            throw new MediatorProblem(
                    ProblemReports.LIVE_MODE_NOT_SUPPORTED, "live mode needs a persistent transport (WebSocket)");
        }
        delivery.liveMode(conn, socket, live.asBoolean(), version.piuri());
        Handled status = Handled.reply(status(in, conn, version));
        return live.asBoolean() ? status.thenPush(conn) : status;
    }

    /** The batch a {@code delivery-request} asks for: at most the configured batch, 10 when absent. */
    private DeliveryRequest request(ObjectNode content, String owner, PickupVersion version) {
        int limit = Messages.optionalLimit(
                content, version.limitField(), 10, config.pickup().maxBatch());
        long maxBytes = Long.MAX_VALUE;
        JsonNode bytes = content.get("max_receive_bytes");
        if (version.limitField().equals("message_count_limit") && bytes != null && !bytes.isNull()) {
            if (!bytes.isIntegralNumber() || bytes.asLong() < 1) {
                throw new MediatorProblem(ProblemCode.MSG_INVALID, "'max_receive_bytes' must be a positive integer");
            }
            maxBytes = bytes.asLong();
        }
        return new DeliveryRequest(limit, maxBytes, owner, config.pickup().lease());
    }

    private void echoRecipient(InboundMessage in, ObjectNode content, PickupVersion version) {
        @Nullable JsonNode recipient = in.content().get(version.recipientField());
        if (recipient != null && recipient.isTextual()) {
            content.put(version.recipientField(), recipient.asText());
        }
    }
}
