package dev.switchboard.mediator.protocol.messagepickup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.delivery.LiveDeliveryPacker;
import dev.switchboard.mediator.envelope.DidcommV2Envelopes;
import dev.switchboard.mediator.envelope.V1Envelopes;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.protocol.messagepickup.v2.PickupV2Handler;
import dev.switchboard.queue.mailbox.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Packs live {@code delivery} messages (messagepickup 2.0 / 3.0, message-pickup 4.0) for the push loop of
 * {@code delivery} (its {@link LiveDeliveryPacker} port).
 */
@ApplicationScoped
public class PickupLiveDelivery implements LiveDeliveryPacker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final V1Envelopes envelopes;
    private final MediatorIdentity identity;
    private final DidcommV2Envelopes v2Envelopes;

    /** Constructor injection. */
    public PickupLiveDelivery(V1Envelopes envelopes, MediatorIdentity identity, DidcommV2Envelopes v2Envelopes) {
        this.envelopes = envelopes;
        this.identity = identity;
        this.v2Envelopes = v2Envelopes;
    }

    /**
     * The packed live {@code delivery} for a wallet in the protocol it turned live mode on with: v1 wallets
     * (base58 verkey) get a v1 message authcrypted from the invitation key, v2 wallets (a DID) a v2 message
     * authcrypted from the mediator's DID (messagepickup 3.0 attachments as {@code base64}, 4.0 as {@code
     * json}); without a recorded protocol, messagepickup 2.0.
     */
    @Override
    public byte[] pack(String conn, @Nullable String stored, List<Delivery> batch) {
        Piuri protocol = stored == null ? PickupV2Handler.PIURI : Piuri.of(stored);
        if (!conn.startsWith("did:")) {
            ObjectNode delivery = Messages.create(protocol.message("delivery"));
            PickupAttachments.attach(delivery.putArray("~attach"), batch);
            return envelopes.authcrypt(bytes(delivery), identity.invitationKey().verkey(), conn);
        }
        ObjectNode delivery = Messages.createV2(protocol.message("delivery"));
        PickupAttachments.attachV2(delivery, batch, protocol.major() == 3);
        try {
            return v2Envelopes.authcrypt(
                    dev.switchboard.didcomm.v2.Message.parse(JSON.writeValueAsString(delivery)), conn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
