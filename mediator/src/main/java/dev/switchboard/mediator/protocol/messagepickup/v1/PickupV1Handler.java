package dev.switchboard.mediator.protocol.messagepickup.v1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.messagepickup.PickupExchange;
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
@Serves(value = "https://didcomm.org/messagepickup/1.0", roles = "mediator")
public class PickupV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/messagepickup/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/messagepickup/1.0");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mailboxes mailboxes;
    private final MediatorConfig config;
    private final PickupExchange pickup;

    /** Constructor injection. */
    public PickupV1Handler(Mailboxes mailboxes, MediatorConfig config, PickupExchange pickup) {
        this.mailboxes = mailboxes;
        this.config = config;
        this.pickup = pickup;
    }

    @Handles("https://didcomm.org/messagepickup/1.0/noop")
    Handled noop(InboundMessage message) {
        pickup.wallet(message);
        return Handled.NOTHING;
    }

    @Handles("https://didcomm.org/messagepickup/1.0/batch-pickup")
    Handled batchPickup(InboundMessage in) {
        String conn = pickup.wallet(in);
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
        return Handled.reply(reply);
    }
}
