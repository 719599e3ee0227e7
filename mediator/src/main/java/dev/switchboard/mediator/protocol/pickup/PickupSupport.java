package dev.switchboard.mediator.protocol.pickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Transport;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import java.time.Instant;
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
 * only (handed-out, unconfirmed messages are in flight). The versions differ in the hooks: the recipient field
 * name, time format, the delivery request's limits, the answer to an empty queue and the attachment encoding.
 *
 * <p>The mailbox is the wallet's (the authenticated sender's, granted with coordinate mediation). An optional
 * recipient ({@link #recipientField()}) is echoed in the answers and selects the whole mailbox or nothing
 * ({@link RecipientScope}).
 */
public abstract class PickupSupport implements ProtocolHandler {
    private final Mailboxes mailboxes;
    private final MediationStore mediations;
    private final DeliveryService delivery;
    private final MediatorConfig config;
    private final Piuri piuri;

    /**
     * Constructor injection by the subclasses.
     *
     * @param piuri the protocol version served
     */
    protected PickupSupport(
            Piuri piuri,
            Mailboxes mailboxes,
            MediationStore mediations,
            DeliveryService delivery,
            MediatorConfig config) {
        this.piuri = piuri;
        this.mailboxes = mailboxes;
        this.mediations = mediations;
        this.delivery = delivery;
        this.config = config;
    }

    /** How long handed-out messages stay in flight without {@code messages-received}. */
    protected java.time.Duration lease() {
        return config.pickup().lease();
    }

    /** This protocol version. */
    protected final Piuri piuri() {
        return piuri;
    }

    /** A time in this version's format (2.0: ISO 8601 text, 3.0: epoch seconds, 4.0: epoch milliseconds). */
    protected abstract JsonNode time(Instant instant);

    /** The name of the optional recipient field: {@code recipient_key} (2.0) or {@code recipient_did}. */
    protected String recipientField() {
        return "recipient_did";
    }

    /**
     * The batch asked for by a {@code delivery-request}: by default {@code {"limit"}} (2.0, 3.0), at most {@code
     * maxBatch}, 10 when absent.
     *
     * @throws MediatorProblem {@code e.p.msg.invalid} for a limit below 1
     */
    protected DeliveryRequest request(ObjectNode content, String owner, int maxBatch) {
        return DeliveryRequest.of(Messages.optionalLimit(content, "limit", 10, maxBatch), owner, lease());
    }

    /**
     * True when an empty queue answers a {@code delivery-request} with an empty {@code delivery} (4.0); by
     * default it is answered with {@code status} (2.0, 3.0).
     */
    protected boolean emptyDelivery() {
        return false;
    }

    /** Adds the batch's attachments to a {@code delivery} reply in the wallet's generation. */
    protected abstract void attach(ObjectNode delivery, List<Delivery> batch);

    @Override
    public List<Piuri> protocols() {
        return List.of(piuri);
    }

    @Override
    public List<String> roles() {
        return List.of("mediator");
    }

    /**
     * The mailbox of a pickup request's sender, who from now on gets messages only through pickup (never
     * written raw to its socket).
     *
     * @return the wallet's connection
     * @throws MediatorProblem {@code e.p.trust.not-authenticated} for an anonymous sender, {@code
     *     e.p.req.mediation-not-granted} without a granted mediation
     */
    public static String pickupWallet(MediationStore mediations, DeliveryService delivery, InboundMessage message) {
        String conn = mediations.requireGranted(message.requireSender());
        delivery.markPickupUser(conn);
        return conn;
    }

    @Override
    public List<ObjectNode> handle(InboundMessage message) {
        String conn = pickupWallet(mediations, delivery, message);
        return switch (message.type().name()) {
            case "status-request" -> List.of(status(message, conn));
            case "delivery-request" -> List.of(deliver(message, conn));
            case "messages-received" -> List.of(received(message, conn));
            case "live-delivery-change" -> List.of(liveChange(message, conn));
            default ->
                throw new MediatorProblem(ProblemReports.UNSUPPORTED, "the mediator does not accept " + message.type());
        };
    }

    private ObjectNode status(InboundMessage in, String conn) {
        MailboxStatus s = RecipientScope.selectsMailbox(mediations, conn, in.content(), recipientField())
                ? mailboxes.status(conn).toCompletableFuture().join()
                : RecipientScope.NOTHING;
        Transport.Socket socket = in.transport().socket();
        return status(in, s, socket != null && delivery.isLive(conn, socket.owner()));
    }

    /** The {@code status} reply of a selection's figures {@code s}. */
    private ObjectNode status(InboundMessage in, MailboxStatus s, boolean live) {
        ObjectNode status = Messages.replyInKind(in, piuri().message("status"));
        ObjectNode content = Messages.content(status);
        echoRecipient(in, content);
        content.put("message_count", s.pendingCount());
        content.put("total_bytes", s.pendingBytes());
        content.put("longest_waited_seconds", s.longestWait().toSeconds());
        if (s.oldestReceived() != null) {
            content.set("oldest_received_time", time(s.oldestReceived()));
        }
        if (s.newestReceived() != null) {
            content.set("newest_received_time", time(s.newestReceived()));
        }
        content.put("live_delivery", live);
        return status;
    }

    private ObjectNode deliver(InboundMessage in, String conn) {
        Transport.Socket socket = in.transport().socket();
        String owner = socket != null ? socket.owner() : "http/" + UUID.randomUUID();
        DeliveryRequest request = request(in.content(), owner, config.pickup().maxBatch());
        List<Delivery> batch = RecipientScope.selectsMailbox(mediations, conn, in.content(), recipientField())
                ? mailboxes.reserve(conn, request).toCompletableFuture().join()
                : List.of();
        if (batch.isEmpty() && !emptyDelivery()) {
            return status(in, conn);
        }
        ObjectNode reply = Messages.replyInKind(in, piuri().message("delivery"));
        echoRecipient(in, Messages.content(reply));
        attach(reply, batch);
        if (batch.isEmpty() && !in.isV2()) {
            reply.putArray("~attach"); // (a v2 plaintext omits an empty attachment list)
        }
        return reply;
    }

    private ObjectNode received(InboundMessage in, String conn) {
        JsonNode ids = Messages.requireArray(in.content(), "message_id_list");
        List<String> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw new MediatorProblem(ProblemReports.INVALID, "'message_id_list' must hold strings");
            }
            list.add(id.asText());
        }
        mailboxes.acknowledge(conn, list).toCompletableFuture().join();
        MailboxStatus after = delivery.confirmed(conn); // read once: for the re-push and the reply
        Transport.Socket socket = in.transport().socket();
        boolean live = socket != null && delivery.isLive(conn, socket.owner());
        if (live && after.pendingCount() > 0) {
            // what waits beyond the last batch (a batch is at most max-batch); a message stored since is pushed
            // by its own forward
            delivery.push(conn);
        }
        boolean selected = RecipientScope.selectsMailbox(mediations, conn, in.content(), recipientField());
        return status(in, selected ? after : RecipientScope.NOTHING, live);
    }

    private ObjectNode liveChange(InboundMessage in, String conn) {
        JsonNode live = in.content().get("live_delivery");
        if (live == null || !live.isBoolean()) {
            throw new MediatorProblem(ProblemReports.INVALID, "'live_delivery' must be true or false");
        }
        Transport.Socket socket = in.transport().socket();
        if (socket == null) {
            throw new MediatorProblem(
                    ProblemReports.LIVE_MODE_NOT_SUPPORTED, "live mode needs a persistent transport (WebSocket)");
        }
        delivery.liveMode(conn, socket, live.asBoolean(), piuri());
        ObjectNode status = status(in, conn);
        if (live.asBoolean()) {
            delivery.push(conn);
        }
        return status;
    }

    private void echoRecipient(InboundMessage in, ObjectNode content) {
        @Nullable JsonNode recipient = in.content().get(recipientField());
        if (recipient != null && recipient.isTextual()) {
            content.put(recipientField(), recipient.asText());
        }
    }
}
