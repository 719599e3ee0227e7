package dev.switchboard.mediator.protocol.messagepickup.v1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.protocol.messagepickup.PickupSupport;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.Mailboxes;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * Message pickup 1.0 {@code batch-pickup {"batch_size"}} -> {@code batch {"messages~attach":[{"@id",
 * "message":{JWE}}]}}. At-most-once, as the protocol has no confirmation: handed-out messages are deleted
 * before the batch is returned. {@code noop} is accepted and answered with nothing.
 */
@ApplicationScoped
public class PickupV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/messagepickup/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/messagepickup/1.0");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mailboxes mailboxes;
    private final MediationStore mediations;
    private final MediatorConfig config;
    private final DeliveryService delivery;

    /** Constructor injection. */
    public PickupV1Handler(
            Mailboxes mailboxes, MediationStore mediations, MediatorConfig config, DeliveryService delivery) {
        this.delivery = delivery;
        this.mailboxes = mailboxes;
        this.mediations = mediations;
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
        String conn = PickupSupport.pickupWallet(mediations, delivery, message);
        return switch (message.type().name()) {
            case "batch-pickup" -> List.of(batch(message, conn));
            case "noop" -> List.of();
            default ->
                throw new MediatorProblem(
                        ProblemCode.MSG_UNSUPPORTED, "the mediator does not accept " + message.type());
        };
    }

    private ObjectNode batch(InboundMessage in, String conn) {
        int size = Messages.optionalLimit(
                in.body(), "batch_size", 10, config.pickup().maxBatch());
        List<Delivery> batch = mailboxes
                .reserve(
                        conn,
                        DeliveryRequest.of(
                                size,
                                "pickup-v1/" + UUID.randomUUID(),
                                config.pickup().lease()))
                .toCompletableFuture()
                .join();
        ObjectNode reply = Messages.reply(in, PIURI.message("batch"));
        ArrayNode attachments = reply.putArray("messages~attach");
        for (Delivery d : batch) {
            ObjectNode item = attachments.addObject();
            item.put("@id", d.messageId());
            try {
                item.set("message", JSON.readTree(d.message()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        mailboxes
                .acknowledge(conn, batch.stream().map(Delivery::messageId).toList())
                .toCompletableFuture()
                .join();
        return reply;
    }
}
