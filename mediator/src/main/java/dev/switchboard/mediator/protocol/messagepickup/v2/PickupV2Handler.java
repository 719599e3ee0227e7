package dev.switchboard.mediator.protocol.messagepickup.v2;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.messagepickup.PickupAttachments;
import dev.switchboard.mediator.protocol.messagepickup.PickupExchange;
import dev.switchboard.mediator.protocol.messagepickup.PickupVersion;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Message pickup 2.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0685-pickup-v2">Aries
 * RFC 0685</a>), mediator role, DIDComm v1: {@code recipient_key}, ISO 8601 times, {@code delivery-request
 * {"limit"}}, an empty mailbox answered with {@code status} ({@code message_count 0}), attachments {@code
 * ~attach[{"@id","data":{"json"}}]}. Live mode as Credo's PickUpV2LiveMode uses it. See {@link PickupExchange}.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/messagepickup/2.0", roles = "mediator")
public class PickupV2Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/messagepickup/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/messagepickup/2.0");

    static final PickupVersion VERSION = new PickupVersion(
            PIURI,
            "recipient_key",
            time -> TextNode.valueOf(time.toString()),
            "limit",
            false,
            (delivery, batch) -> PickupAttachments.attach(delivery.putArray("~attach"), batch));

    private final PickupExchange pickup;

    /** Constructor injection. */
    public PickupV2Handler(PickupExchange pickup) {
        this.pickup = pickup;
    }

    @Handles("https://didcomm.org/messagepickup/2.0/status-request")
    Handled statusRequest(InboundMessage message) {
        return pickup.status(message, VERSION);
    }

    @Handles("https://didcomm.org/messagepickup/2.0/delivery-request")
    Handled deliveryRequest(InboundMessage message) {
        return pickup.deliver(message, VERSION);
    }

    @Handles("https://didcomm.org/messagepickup/2.0/messages-received")
    Handled messagesReceived(InboundMessage message) {
        return pickup.received(message, VERSION);
    }

    @Handles("https://didcomm.org/messagepickup/2.0/live-delivery-change")
    Handled liveDeliveryChange(InboundMessage message) {
        return pickup.liveChange(message, VERSION);
    }
}
