package dev.switchboard.mediator.protocol.messagepickup.v4;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.messagepickup.PickupAttachments;
import dev.switchboard.mediator.protocol.messagepickup.PickupExchange;
import dev.switchboard.mediator.protocol.messagepickup.PickupVersion;
import dev.switchboard.queue.mailbox.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Message pickup 4.0 (<a href="https://didcomm.org/message-pickup/4.0/">didcomm.org</a>), mediator role, over
 * DIDComm v2 and v1 (a v1 wallet's {@code recipient_did} is a did:key): {@code delivery-request
 * {"message_count_limit", "max_receive_bytes"?}}, epoch-millisecond times, an empty queue answered with an
 * empty {@code delivery}, live mode delivering {@code delivery} messages confirmed by {@code
 * messages-received}. Attachments are {@code data.json} (v2 {@code attachments}, v1 {@code ~attach}). See
 * {@link PickupExchange}.
 */
@ApplicationScoped
@Serves(
        value = "https://didcomm.org/message-pickup/4.0",
        roles = "mediator",
        generations = {DidcommVersion.V1, DidcommVersion.V2})
public class PickupV4Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/message-pickup/4.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/message-pickup/4.0");

    static final PickupVersion VERSION = new PickupVersion(
            PIURI,
            "recipient_did",
            time -> LongNode.valueOf(time.toEpochMilli()),
            "message_count_limit",
            true,
            PickupV4Handler::attach);

    private final PickupExchange pickup;

    /** Constructor injection. */
    public PickupV4Handler(PickupExchange pickup) {
        this.pickup = pickup;
    }

    @Handles("https://didcomm.org/message-pickup/4.0/status-request")
    Handled statusRequest(InboundMessage message) {
        return pickup.status(message, VERSION);
    }

    @Handles("https://didcomm.org/message-pickup/4.0/delivery-request")
    Handled deliveryRequest(InboundMessage message) {
        return pickup.deliver(message, VERSION);
    }

    @Handles("https://didcomm.org/message-pickup/4.0/messages-received")
    Handled messagesReceived(InboundMessage message) {
        return pickup.received(message, VERSION);
    }

    @Handles("https://didcomm.org/message-pickup/4.0/live-delivery-change")
    Handled liveDeliveryChange(InboundMessage message) {
        return pickup.liveChange(message, VERSION);
    }

    /** Attachments as {@code data.json}: v2 {@code attachments}, v1 {@code ~attach}. */
    private static void attach(ObjectNode delivery, List<Delivery> batch) {
        if (delivery.has("type")) {
            PickupAttachments.attachV2(delivery, batch, false);
        } else {
            ArrayNode list =
                    delivery.has("~attach") ? (ArrayNode) delivery.get("~attach") : delivery.putArray("~attach");
            PickupAttachments.attach(list, batch);
        }
    }
}
