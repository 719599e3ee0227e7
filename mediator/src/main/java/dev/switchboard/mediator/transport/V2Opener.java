package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.UnpackMetadata;
import dev.switchboard.didcomm.v2.Message;
import dev.switchboard.didcomm.v2.Unpacked;
import dev.switchboard.mediator.envelope.DidcommV2Envelopes;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.message.MessageType;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ReturnRoute;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Opens a DIDComm v2 message (encrypted, signed or plaintext) for the {@link Dispatcher}: unpack with the
 * mediator's DID, parse; replies are authcrypted from the mediator's DID to the sender's DID.
 *
 * <p>The sender is the DID of the authcrypt {@code skid}, or of the verified signer, and must be the {@code
 * from}; an anoncrypted or plaintext message is anonymous: it gets no reply, and a refusal is an HTTP status.
 */
@ApplicationScoped
class V2Opener {
    private static final Logger LOG = Logger.getLogger(V2Opener.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DidcommV2Envelopes envelopes;
    private final ReplyRouter router;
    private final MediatorDid identity;

    V2Opener(DidcommV2Envelopes envelopes, ReplyRouter router, MediatorDid identity) {
        this.envelopes = envelopes;
        this.router = router;
        this.identity = identity;
    }

    Opened open(byte[] packed, InboundTransport transport) {
        Unpacked unpacked;
        try {
            unpacked = envelopes.unpack(packed);
        } catch (DidcommException e) {
            return router.unpackFailed(e);
        }
        UnpackMetadata meta = unpacked.metadata();
        Message message = unpacked.message();
        String sender = senderDid(meta);
        if (sender != null && message.from() != null && !message.from().equals(sender)) {
            return router.refused(400, ProblemCode.TRUST_CRYPTO, "'from' is not the DID of the authenticated sender");
        }
        String recipient = meta.recipientKid() == null ? identity.did() : meta.recipientKid();
        String from = identity.didOf(meta.recipientKid());
        ReplyRouter.Packer packer = reply -> {
            try {
                return envelopes.authcrypt(Message.parse(JSON.writeValueAsString(reply)), sender, from);
            } catch (DidcommException | IOException e) {
                LOG.debugf("reply to %s not packed: %s", sender, e.getMessage());
                return null; // the sender's DID has no usable key-agreement key: nobody can read a reply
            }
        };
        ObjectNode json;
        try {
            json = (ObjectNode) JSON.readTree(message.toJson());
        } catch (IOException e) {
            return router.refused(400, ProblemCode.MSG_INVALID, "plaintext is not JSON");
        }
        Optional<MessageType> type = MessageType.parse(message.type());
        if (type.isPresent()) {
            return new Opened.Parsed(
                    new InboundMessage(
                            json,
                            type.get(),
                            message.id(),
                            ReturnRoute.of(json),
                            sender,
                            recipient,
                            transport,
                            DidcommVersion.V2),
                    packer,
                    DidcommResource.ENCRYPTED_V2);
        }
        if (sender == null) {
            return router.refused(400, ProblemCode.MSG_INVALID, "not a DIDComm message type: " + message.type());
        }
        ObjectNode report = ProblemReports.ofV2(
                message.thid() != null ? message.thid() : message.id(),
                ProblemCode.MSG_INVALID,
                "not a DIDComm message type");
        return new Opened.Unparsed(report, sender, ReturnRoute.of(json), packer, DidcommResource.ENCRYPTED_V2);
    }

    /** The DID of the authenticated sender (authcrypt {@code skid}, else the verified signer), or null. */
    static @Nullable String senderDid(UnpackMetadata meta) {
        String kid = meta.senderKid() != null ? meta.senderKid() : meta.signedBy();
        if (kid == null) {
            return null;
        }
        int hash = kid.indexOf('#');
        return hash < 0 ? kid : kid.substring(0, hash);
    }
}
