package dev.switchboard.mediator.protocol.pickup.v2;

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
import dev.switchboard.mediator.protocol.pickup.RecipientScope;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Message pickup 2.0, mediator role. {@code status} counts pending messages only (handed-out, unconfirmed
 * messages are in flight, not counted); {@code delivery} hands out the oldest first and they stay until
 * {@code messages-received}; an empty mailbox answers {@code status} with {@code message_count 0}; {@code
 * live-delivery-change} answers {@code status} on a socket and a problem report over HTTP. An optional {@code
 * recipient_key} is echoed and selects the whole mailbox or nothing ({@link RecipientScope}).
 */
@ApplicationScoped
public class PickupV2Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/messagepickup/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/messagepickup/2.0");

    private final Mailboxes mailboxes;
    private final MediationStore mediations;
    private final DeliveryService delivery;
    private final MediatorConfig config;

    /** Constructor injection. */
    public PickupV2Handler(
            Mailboxes mailboxes, MediationStore mediations, DeliveryService delivery, MediatorConfig config) {
        this.mailboxes = mailboxes;
        this.mediations = mediations;
        this.delivery = delivery;
        this.config = config;
    }

    @Override
    public List<Piuri> protocols() {
        return List.of(PIURI);
    }

    @Override
    public List<String> roles() {
        return List.of("mediator");
    }

    @Override
    public List<ObjectNode> handle(InboundMessage message) {
        String conn = mediations.requireGranted(message.requireSender());
        delivery.markPickupUser(conn);
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
        MailboxStatus s = RecipientScope.selectsMailbox(mediations, conn, in.body(), "recipient_key")
                ? mailboxes.status(conn).toCompletableFuture().join()
                : RecipientScope.NOTHING;
        ObjectNode status = Messages.reply(in, PIURI.message("status"));
        JsonNode recipientKey = in.body().get("recipient_key");
        if (recipientKey != null && recipientKey.isTextual()) {
            status.put("recipient_key", recipientKey.asText());
        }
        status.put("message_count", s.pendingCount());
        status.put("total_bytes", s.pendingBytes());
        status.put("longest_waited_seconds", s.longestWait().toSeconds());
        if (s.oldestReceived() != null) {
            status.put("oldest_received_time", s.oldestReceived().toString());
        }
        if (s.newestReceived() != null) {
            status.put("newest_received_time", s.newestReceived().toString());
        }
        Transport.Socket socket = in.transport().socket();
        status.put("live_delivery", socket != null && delivery.isLive(conn, socket.owner()));
        return status;
    }

    private ObjectNode deliver(InboundMessage in, String conn) {
        int limit =
                Messages.optionalLimit(in.body(), "limit", 10, config.pickup().maxBatch());
        Transport.Socket socket = in.transport().socket();
        String owner = socket != null ? socket.owner() : "http/" + UUID.randomUUID();
        List<Delivery> batch = RecipientScope.selectsMailbox(mediations, conn, in.body(), "recipient_key")
                ? mailboxes
                        .reserve(
                                conn,
                                DeliveryRequest.of(limit, owner, config.pickup().lease()))
                        .toCompletableFuture()
                        .join()
                : List.of();
        if (batch.isEmpty()) {
            return status(in, conn);
        }
        ObjectNode reply = Messages.reply(in, PIURI.message("delivery"));
        JsonNode recipientKey = in.body().get("recipient_key");
        if (recipientKey != null && recipientKey.isTextual()) {
            reply.put("recipient_key", recipientKey.asText());
        }
        DeliveryService.attach(reply.putArray("~attach"), batch);
        return reply;
    }

    private ObjectNode received(InboundMessage in, String conn) {
        JsonNode ids = Messages.requireArray(in.body(), "message_id_list");
        List<String> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw new MediatorProblem(ProblemReports.INVALID, "'message_id_list' must hold strings");
            }
            list.add(id.asText());
        }
        mailboxes.acknowledge(conn, list).toCompletableFuture().join();
        delivery.confirmed(conn);
        Transport.Socket socket = in.transport().socket();
        if (socket != null && delivery.isLive(conn, socket.owner())) {
            delivery.push(conn);
        }
        return status(in, conn);
    }

    private ObjectNode liveChange(InboundMessage in, String conn) {
        JsonNode live = in.body().get("live_delivery");
        if (live == null || !live.isBoolean()) {
            throw new MediatorProblem(ProblemReports.INVALID, "'live_delivery' must be true or false");
        }
        Transport.Socket socket = in.transport().socket();
        if (socket == null) {
            throw new MediatorProblem(
                    ProblemReports.LIVE_MODE_NOT_SUPPORTED, "live mode needs a persistent transport (WebSocket)");
        }
        delivery.liveMode(conn, socket, live.asBoolean());
        ObjectNode status = status(in, conn);
        if (live.asBoolean()) {
            delivery.push(conn);
        }
        return status;
    }
}
