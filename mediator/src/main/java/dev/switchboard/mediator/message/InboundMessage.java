package dev.switchboard.mediator.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One unpacked plaintext message (DIDComm v1 or v2) with what the envelope and the transport said about it.
 *
 * @param body the whole plaintext JSON object: v1 with {@code @type}, {@code @id} and decorators; v2 with
 *     {@code type}, {@code id}, headers and {@code body} (read protocol fields with {@link #content()})
 * @param type the parsed {@code @type}
 * @param id the {@code @id}
 * @param returnRoute the {@code ~transport.return_route} decorator
 * @param senderKey the authenticated sender: v1 its base58 Ed25519 verkey (Authcrypt), v2 its DID (from the
 *     authcrypt {@code skid} or the verified signer); null when anonymous. It names the sender's mailbox
 * @param recipientKey the mediator key the envelope was encrypted to (v1 base58 verkey, v2 DID URL)
 * @param transport how the message arrived
 * @param generation the DIDComm generation of the envelope: decides the shape of the replies
 */
public record InboundMessage(
        ObjectNode body,
        MessageType type,
        String id,
        ReturnRoute returnRoute,
        @Nullable String senderKey,
        String recipientKey,
        InboundTransport transport,
        DidcommVersion generation) {

    public InboundMessage {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(returnRoute, "returnRoute");
        Objects.requireNonNull(recipientKey, "recipientKey");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(generation, "generation");
    }

    /** True for a DIDComm v2 message. */
    public boolean isV2() {
        return generation == DidcommVersion.V2;
    }

    /**
     * Where the protocol fields are: the v1 message itself, or the v2 {@code body} object (empty when absent).
     */
    public ObjectNode content() {
        if (!isV2()) {
            return body;
        }
        JsonNode content = body.get("body");
        return content instanceof ObjectNode o ? o : body.objectNode();
    }

    /** The thread id: {@code ~thread.thid} (v1, RFC 0008) or {@code thid} (v2), else the message's own id. */
    public String thid() {
        JsonNode thid = isV2() ? body.path("thid") : body.path("~thread").path("thid");
        return thid.isTextual() && !thid.asText().isEmpty() ? thid.asText() : id;
    }

    /** The parent thread id {@code ~thread.pthid} (v1) or {@code pthid} (v2), or null. */
    public @Nullable String pthid() {
        JsonNode pthid = isV2() ? body.path("pthid") : body.path("~thread").path("pthid");
        return pthid.isTextual() ? pthid.asText() : null;
    }

    /**
     * The authenticated sender's key.
     *
     * @throws MediatorProblem {@link ProblemReports#NOT_AUTHENTICATED} when the message was anoncrypted
     */
    public String requireSender() {
        if (senderKey == null) {
            throw new MediatorProblem(ProblemReports.NOT_AUTHENTICATED, type + " must be authcrypted");
        }
        return senderKey;
    }
}
