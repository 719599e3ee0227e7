package dev.switchboard.mediator.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.envelope.DidcommV2Envelopes;
import dev.switchboard.mediator.envelope.Envelopes;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.protocol.pickup.v2.PickupV2Handler;
import dev.switchboard.queue.mailbox.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Builds packed live {@code delivery} messages (messagepickup 2.0 / 3.0, message-pickup 4.0) and the
 * attachment lists that carry stored messages in pickup replies.
 */
@ApplicationScoped
public class LiveFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Envelopes envelopes;
    private final MediatorIdentity identity;
    private final DidcommV2Envelopes v2Envelopes;
    private final WalletSessions sessions;

    /** Constructor injection. */
    public LiveFrames(
            Envelopes envelopes, MediatorIdentity identity, DidcommV2Envelopes v2Envelopes, WalletSessions sessions) {
        this.envelopes = envelopes;
        this.identity = identity;
        this.v2Envelopes = v2Envelopes;
        this.sessions = sessions;
    }

    /**
     * The packed live {@code delivery} for a wallet in the protocol it turned live mode on with: v1 wallets
     * (base58 verkey) get a v1 message authcrypted from the invitation key, v2 wallets (a DID) a v2 message
     * authcrypted from the mediator's DID (messagepickup 3.0 attachments as {@code base64}, 4.0 as {@code
     * json}).
     */
    public byte[] liveFrame(String conn, List<Delivery> batch) {
        String stored = sessions.liveProtocol(conn);
        Piuri protocol = stored == null ? PickupV2Handler.PIURI : Piuri.of(stored);
        if (!conn.startsWith("did:")) {
            ObjectNode delivery = Messages.create(protocol.message("delivery"));
            attach(delivery.putArray("~attach"), batch);
            return envelopes.authcrypt(bytes(delivery), identity.invitationKey().verkey(), conn);
        }
        ObjectNode delivery = Messages.createV2(protocol.message("delivery"));
        attachV2(delivery, batch, protocol.major() == 3);
        try {
            return v2Envelopes.authcrypt(
                    dev.switchboard.didcomm.v2.Message.parse(JSON.writeValueAsString(delivery)), conn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends DIDComm v2 attachments {@code {"id", "data":{"base64"|"json"}}} per message to a v2 message.
     *
     * @param base64 true for {@code data.base64} (messagepickup 3.0), false for {@code data.json}
     */
    public static void attachV2(ObjectNode message, List<Delivery> batch, boolean base64) {
        for (Delivery d : batch) {
            ObjectNode data = JSON.createObjectNode();
            if (base64) {
                data.put("base64", Base64.getUrlEncoder().withoutPadding().encodeToString(d.message()));
            } else {
                try {
                    data.set("json", JSON.readTree(d.message()));
                } catch (IOException e) {
                    throw new UncheckedIOException("stored message " + d.messageId() + " is not JSON", e);
                }
            }
            Messages.attach(message, d.messageId(), data);
        }
    }

    /** Appends {@code {"@id", "data":{"json": <envelope>}}} per message. */
    public static void attach(ArrayNode attachments, List<Delivery> batch) {
        for (Delivery d : batch) {
            ObjectNode attachment = attachments.addObject();
            attachment.put("@id", d.messageId());
            try {
                attachment.putObject("data").set("json", JSON.readTree(d.message()));
            } catch (IOException e) {
                throw new UncheckedIOException("stored message " + d.messageId() + " is not JSON", e);
            }
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
