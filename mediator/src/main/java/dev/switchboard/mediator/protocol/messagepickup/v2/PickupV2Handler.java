package dev.switchboard.mediator.protocol.messagepickup.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.protocol.messagepickup.PickupAttachments;
import dev.switchboard.mediator.protocol.messagepickup.PickupSupport;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.Mailboxes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Message pickup 2.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0685-pickup-v2">Aries
 * RFC 0685</a>), mediator role, DIDComm v1: {@code recipient_key}, ISO 8601 times, {@code delivery-request
 * {"limit"}}, an empty mailbox answered with {@code status} ({@code message_count 0}), attachments {@code
 * ~attach[{"@id","data":{"json"}}]}. Live mode as Credo's PickUpV2LiveMode uses it. See {@link PickupSupport}.
 */
@Singleton
public class PickupV2Handler extends PickupSupport {
    /** {@code https://didcomm.org/messagepickup/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/messagepickup/2.0");

    /** Constructor injection. */
    public PickupV2Handler(
            Mailboxes mailboxes, MediationStore mediations, DeliveryService delivery, MediatorConfig config) {
        super(PIURI, mailboxes, mediations, delivery, config);
    }

    @Override
    protected JsonNode time(Instant instant) {
        return TextNode.valueOf(instant.toString());
    }

    @Override
    protected String recipientField() {
        return "recipient_key";
    }

    @Override
    protected void attach(ObjectNode delivery, List<Delivery> batch) {
        PickupAttachments.attach(delivery.putArray("~attach"), batch);
    }
}
