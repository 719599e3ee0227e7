package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.UnpackMetadata;
import dev.switchboard.mediator.envelope.V1Envelopes;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.message.MessageType;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ReturnRoute;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Opens a DIDComm v1 envelope (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0019-encryption-envelope">RFC
 * 0019</a>) for the {@link Dispatcher}: unpack with the mediator's keys, parse the plaintext ({@code @type}, {@code
 * @id}); replies are authcrypted from the key the message was sent to, to the sender's verkey. An unparsable
 * plaintext is a 400 when anonymous, else answered with an unthreaded {@code e.p.msg.invalid} report.
 */
@ApplicationScoped
class V1Opener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_DIDCOMM = "not a DIDComm message (@type, @id)";

    private final V1Envelopes envelopes;
    private final ReplyRouter router;

    V1Opener(V1Envelopes envelopes, ReplyRouter router) {
        this.envelopes = envelopes;
        this.router = router;
    }

    Opened open(byte[] packed, InboundTransport transport) {
        V1Envelopes.Unpacked unpacked;
        try {
            unpacked = envelopes.unpack(packed);
        } catch (DidcommException e) {
            return router.unpackFailed(e);
        }
        UnpackMetadata meta = unpacked.metadata();
        String sender = meta.senderKid();
        String recipient = meta.recipientKid() == null ? "" : meta.recipientKid();
        ReplyRouter.Packer packer = reply -> {
            try {
                return envelopes.authcrypt(JSON.writeValueAsBytes(reply), recipient, sender);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        InboundMessage parsed = parse(unpacked.plaintext(), sender, recipient, transport);
        if (parsed != null) {
            return new Opened.Parsed(parsed, packer, DidcommResource.ENVELOPE_ENC);
        }
        if (sender == null) {
            return router.refused(400, ProblemCode.MSG_INVALID, NOT_DIDCOMM);
        }
        ObjectNode report = ProblemReports.unthreaded(
                ProblemCode.MSG_INVALID, NOT_DIDCOMM, UUID.randomUUID().toString());
        return new Opened.Unparsed(report, sender, ReturnRoute.ALL, packer, DidcommResource.ENVELOPE_ENC);
    }

    private static @Nullable InboundMessage parse(
            byte[] plaintext, @Nullable String sender, String recipient, InboundTransport transport) {
        JsonNode json;
        try {
            json = JSON.readTree(plaintext);
        } catch (IOException e) {
            return null;
        }
        if (!(json instanceof ObjectNode object)
                || !(json.get("@type") instanceof JsonNode type && type.isTextual())
                || !(json.get("@id") instanceof JsonNode id
                        && id.isTextual()
                        && !id.asText().isEmpty())) {
            return null;
        }
        return MessageType.parse(type.asText())
                .map(t -> new InboundMessage(
                        object,
                        t,
                        id.asText(),
                        ReturnRoute.of(object),
                        sender,
                        recipient,
                        transport,
                        DidcommVersion.V1))
                .orElse(null);
    }
}
