package dev.switchboard.mediator.protocol.messagepickup.v3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
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
import java.util.Set;

/**
 * Message pickup 3.0 (<a href="https://didcomm.org/messagepickup/3.0/">didcomm.org</a>), mediator role,
 * DIDComm v2: as 2.0 with {@code recipient_did}, epoch-second times, {@code delivery-request {"limit"}}, an
 * empty queue answered with {@code status}, and attachments {@code data.base64}. See {@link PickupSupport}.
 */
@Singleton
public class PickupV3Handler extends PickupSupport {
    /** {@code https://didcomm.org/messagepickup/3.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/messagepickup/3.0");

    /** Constructor injection. */
    public PickupV3Handler(
            Mailboxes mailboxes, MediationStore mediations, DeliveryService delivery, MediatorConfig config) {
        super(PIURI, mailboxes, mediations, delivery, config);
    }

    @Override
    public Set<DidcommVersion> generations() {
        return Set.of(DidcommVersion.V2);
    }

    @Override
    protected JsonNode time(Instant instant) {
        return LongNode.valueOf(instant.getEpochSecond());
    }

    @Override
    protected void attach(ObjectNode delivery, List<Delivery> batch) {
        PickupAttachments.attachV2(delivery, batch, true);
    }
}
