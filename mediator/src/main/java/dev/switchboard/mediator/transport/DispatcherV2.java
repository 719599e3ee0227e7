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
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The DIDComm v2 half of {@link Dispatcher}: unpack with the mediator's DID, parse, route to the handler,
 * authcrypt the replies from the mediator's DID to the sender's DID and route them as v1 replies go (socket:
 * relay {@code send}; HTTP with {@code "return_route":"all"}: the response body; else the sender's mailbox).
 *
 * <p>The sender is the DID of the authcrypt {@code skid}, or of the verified signer; an anoncrypted or
 * plaintext message is anonymous: it gets no reply, and a refusal is an HTTP status.
 */
@ApplicationScoped
public class DispatcherV2 {
    private static final Logger LOG = Logger.getLogger(DispatcherV2.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ENCRYPTED_V2 = DidcommResource.ENCRYPTED_V2;

    private final DidcommV2Envelopes envelopes;
    private final Replies replies;
    private final MediatorDid identity;

    DispatcherV2(DidcommV2Envelopes envelopes, Replies replies, MediatorDid identity) {
        this.envelopes = envelopes;
        this.replies = replies;
        this.identity = identity;
    }

    /** As {@link Dispatcher#dispatch} for a v2 message (size already checked). */
    Dispatcher.Outcome dispatch(byte[] packed, InboundTransport transport) {
        Unpacked unpacked;
        try {
            unpacked = envelopes.unpack(packed);
        } catch (DidcommException e) {
            return replies.unpackFailed(e);
        }
        UnpackMetadata meta = unpacked.metadata();
        Message message = unpacked.message();
        String sender = senderDid(meta);
        if (sender != null && message.from() != null && !message.from().equals(sender)) {
            return replies.refused(400, ProblemCode.TRUST_CRYPTO, "'from' is not the DID of the authenticated sender");
        }
        String recipient = meta.recipientKid() == null ? identity.did() : meta.recipientKid();
        String from = identity.didOf(meta.recipientKid());
        Replies.Packer packer = reply -> {
            try {
                return envelopes.authcrypt(Message.parse(JSON.writeValueAsString(reply)), sender, from);
            } catch (DidcommException | IOException e) {
                LOG.debugf("reply to %s not packed: %s", sender, e.getMessage());
                return null; // the sender's DID has no usable key-agreement key: nobody can read a reply
            }
        };
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(message.toJson());
            Optional<MessageType> type = MessageType.parse(message.type());
            if (type.isEmpty()) {
                if (sender == null) {
                    return replies.refused(
                            400, ProblemCode.MSG_INVALID, "not a DIDComm message type: " + message.type());
                }
                ObjectNode report = ProblemReports.ofV2(
                        message.thid() != null ? message.thid() : message.id(),
                        ProblemCode.MSG_INVALID,
                        "not a DIDComm message type");
                return replies.route(List.of(report), sender, packer, ReturnRoute.of(json), transport, ENCRYPTED_V2);
            }
            InboundMessage in = new InboundMessage(
                    json,
                    type.get(),
                    message.id(),
                    ReturnRoute.of(json),
                    sender,
                    recipient,
                    transport,
                    DidcommVersion.V2);
            return replies.answer(in, sender, packer, ENCRYPTED_V2);
        } catch (IOException e) {
            return replies.refused(400, ProblemCode.MSG_INVALID, "plaintext is not JSON");
        } catch (RuntimeException e) {
            return replies.storeFailed(e);
        }
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
