package dev.switchboard.mediator.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One unpacked DIDComm v1 plaintext message with what the envelope and the transport said about it.
 *
 * @param body the plaintext JSON object (with {@code @type}, {@code @id} and decorators)
 * @param type the parsed {@code @type}
 * @param id the {@code @id}
 * @param returnRoute the {@code ~transport.return_route} decorator
 * @param senderKey the authenticated sender's base58 Ed25519 verkey (Authcrypt), null when anonymous
 *     (Anoncrypt)
 * @param recipientKey the mediator's base58 verkey the envelope was encrypted to
 * @param transport how the message arrived
 */
public record InboundMessage(
        ObjectNode body,
        MessageType type,
        String id,
        ReturnRoute returnRoute,
        @Nullable String senderKey,
        String recipientKey,
        Transport transport) {

    public InboundMessage {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(returnRoute, "returnRoute");
        Objects.requireNonNull(recipientKey, "recipientKey");
        Objects.requireNonNull(transport, "transport");
    }

    /** The thread id: {@code ~thread.thid}, else the message's own {@code @id} (RFC 0008). */
    public String thid() {
        JsonNode thid = body.path("~thread").path("thid");
        return thid.isTextual() && !thid.asText().isEmpty() ? thid.asText() : id;
    }

    /** The parent thread id {@code ~thread.pthid}, or null. */
    public @Nullable String pthid() {
        JsonNode pthid = body.path("~thread").path("pthid");
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
