package dev.switchboard.mediator.protocol.messagepickup.v4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.protocol.messagepickup.PickupAttachments;
import dev.switchboard.mediator.protocol.messagepickup.PickupSupport;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.Mailboxes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Message pickup 4.0 (<a href="https://didcomm.org/message-pickup/4.0/">didcomm.org</a>), mediator role, over
 * DIDComm v2 and v1 (a v1 wallet's {@code recipient_did} is a did:key): {@code delivery-request
 * {"message_count_limit", "max_receive_bytes"?}}, epoch-millisecond times, an empty queue answered with an
 * empty {@code delivery}, live mode delivering {@code delivery} messages confirmed by {@code
 * messages-received}. Attachments are {@code data.json} (v2 {@code attachments}, v1 {@code ~attach}). See
 * {@link PickupSupport}.
 */
@Singleton
public class PickupV4Handler extends PickupSupport {
    /** {@code https://didcomm.org/message-pickup/4.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/message-pickup/4.0");

    /** Constructor injection. */
    public PickupV4Handler(
            Mailboxes mailboxes, MediationStore mediations, DeliveryService delivery, MediatorConfig config) {
        super(PIURI, mailboxes, mediations, delivery, config);
    }

    @Override
    public Set<DidcommVersion> generations() {
        return Set.of(DidcommVersion.V1, DidcommVersion.V2);
    }

    @Override
    protected JsonNode time(Instant instant) {
        return LongNode.valueOf(instant.toEpochMilli());
    }

    @Override
    protected DeliveryRequest request(ObjectNode content, String owner, int maxBatch) {
        int limit = Messages.optionalLimit(content, "message_count_limit", 10, maxBatch);
        long maxBytes = Long.MAX_VALUE;
        JsonNode bytes = content.get("max_receive_bytes");
        if (bytes != null && !bytes.isNull()) {
            if (!bytes.isIntegralNumber() || bytes.asLong() < 1) {
                throw new MediatorProblem(ProblemCode.MSG_INVALID, "'max_receive_bytes' must be a positive integer");
            }
            maxBytes = bytes.asLong();
        }
        return new DeliveryRequest(limit, maxBytes, owner, lease());
    }

    @Override
    protected boolean emptyDelivery() {
        return true;
    }

    @Override
    protected void attach(ObjectNode delivery, List<Delivery> batch) {
        if (delivery.has("type")) {
            PickupAttachments.attachV2(delivery, batch, false);
        } else {
            ArrayNode list =
                    delivery.has("~attach") ? (ArrayNode) delivery.get("~attach") : delivery.putArray("~attach");
            PickupAttachments.attach(list, batch);
        }
    }
}
