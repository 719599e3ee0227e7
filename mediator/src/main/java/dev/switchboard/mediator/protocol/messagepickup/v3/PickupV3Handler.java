package dev.switchboard.mediator.protocol.messagepickup.v3;

import com.fasterxml.jackson.databind.node.LongNode;
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
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Message pickup 3.0 (<a href="https://didcomm.org/messagepickup/3.0/">didcomm.org</a>), mediator role,
 * DIDComm v2: as 2.0 with {@code recipient_did}, epoch-second times, {@code delivery-request {"limit"}}, an
 * empty queue answered with {@code status}, and attachments {@code data.base64}. See {@link PickupExchange}.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/messagepickup/3.0", roles = "mediator", generations = DidcommVersion.V2)
public class PickupV3Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/messagepickup/3.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/messagepickup/3.0");

    static final PickupVersion VERSION = new PickupVersion(
            PIURI,
            "recipient_did",
            time -> LongNode.valueOf(time.getEpochSecond()),
            "limit",
            false,
            (delivery, batch) -> PickupAttachments.attachV2(delivery, batch, true));

    private final PickupExchange pickup;

    /** Constructor injection. */
    public PickupV3Handler(PickupExchange pickup) {
        this.pickup = pickup;
    }

    @Handles("https://didcomm.org/messagepickup/3.0/status-request")
    Handled statusRequest(InboundMessage message) {
        return pickup.status(message, VERSION);
    }

    @Handles("https://didcomm.org/messagepickup/3.0/delivery-request")
    Handled deliveryRequest(InboundMessage message) {
        return pickup.deliver(message, VERSION);
    }

    @Handles("https://didcomm.org/messagepickup/3.0/messages-received")
    Handled messagesReceived(InboundMessage message) {
        return pickup.received(message, VERSION);
    }

    @Handles("https://didcomm.org/messagepickup/3.0/live-delivery-change")
    Handled liveDeliveryChange(InboundMessage message) {
        return pickup.liveChange(message, VERSION);
    }
}
