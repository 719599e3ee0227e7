package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.UnpackMetadata;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.envelope.V1Envelopes;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.message.MessageType;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ReturnRoute;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The one path of every inbound packed message, whatever the ingress: size check, unpack, parse, route to
 * the protocol handler, pack and route the replies.
 *
 * <p>Replies (authcrypted from the key the message was sent to, to the sender): on a socket, through the
 * relay's {@code send} callback whatever the return route (a socket is a duplex session; Credo sends DID
 * exchange {@code complete} with {@code return_route none} and expects the socket to stay usable); over
 * HTTP, the first reply in the response body when the message asked for a return route; anything else is
 * queued in the sender's mailbox. Nothing here closes a socket.
 */
@ApplicationScoped
public class Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ENVELOPE_ENC = DidcommResource.ENVELOPE_ENC;

    private final V1Envelopes envelopes;
    private final Replies replies;
    private final MediatorConfig config;
    private final MeterRegistry meters;
    private final DispatcherV2 v2;

    /** The outcome of one inbound message. */
    public sealed interface Outcome {
        /**
         * Processed (possibly answered with a problem report).
         *
         * @param reply the packed reply for the HTTP response body, or null (then 202)
         * @param mediaType the reply's media type ({@code application/didcomm-envelope-enc} for v1, {@code
         *     application/didcomm-encrypted+json} for v2)
         */
        record Accepted(byte @Nullable [] reply, String mediaType) implements Outcome {
            /** A DIDComm v1 outcome. */
            public Accepted(byte @Nullable [] reply) {
                this(reply, DidcommResource.ENVELOPE_ENC);
            }
        }

        /**
         * Refused before or without a reply the sender can decrypt: answered with an HTTP status.
         *
         * @param status the HTTP status (400, 413, 503, ...)
         * @param code the problem code
         * @param description what was wrong, safe to show
         */
        record Refused(int status, ProblemCode code, String description) implements Outcome {}
    }

    /** Constructor injection. */
    Dispatcher(V1Envelopes envelopes, Replies replies, MediatorConfig config, MeterRegistry meters, DispatcherV2 v2) {
        this.v2 = v2;
        this.envelopes = envelopes;
        this.replies = replies;
        this.config = config;
        this.meters = meters;
    }

    /**
     * Processes one packed message of either generation (told apart by {@link
     * dev.switchboard.didcomm.Envelopes#detect}; a v2 plaintext is recognised by its {@code type} and {@code
     * id}); a message is answered in its own generation. Never throws for bad input; a store failure is {@link
     * Outcome.Refused} 503 with nothing acknowledged.
     */
    public Outcome dispatch(byte[] packed, InboundTransport transport) {
        if (packed.length > config.maxMessageBytes()) {
            return replies.refused(
                    413, ProblemCode.MSG_TOO_BIG, "message larger than " + config.maxMessageBytes() + " bytes");
        }
        if (generation(packed) == DidcommVersion.V2) {
            meters.counter("switchboard.inbound", "generation", "v2").increment();
            return v2.dispatch(packed, transport);
        }
        V1Envelopes.Unpacked unpacked;
        try {
            unpacked = envelopes.unpack(packed);
        } catch (DidcommException e) {
            return replies.unpackFailed(e);
        }
        UnpackMetadata meta = unpacked.metadata();
        String sender = meta.senderKid();
        String recipient = meta.recipientKid() == null ? "" : meta.recipientKid();
        Replies.Packer packer = reply -> {
            try {
                return envelopes.authcrypt(JSON.writeValueAsBytes(reply), recipient, sender);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try {
            Optional<InboundMessage> parsed = parse(unpacked.plaintext(), sender, recipient, transport);
            if (parsed.isEmpty()) {
                if (sender == null) {
                    return replies.refused(400, ProblemCode.MSG_INVALID, "not a DIDComm message (@type, @id)");
                }
                ObjectNode report = ProblemReports.unthreaded(
                        ProblemCode.MSG_INVALID,
                        "not a DIDComm message (@type, @id)",
                        UUID.randomUUID().toString());
                return replies.route(List.of(report), sender, packer, ReturnRoute.ALL, transport, ENVELOPE_ENC);
            }
            return replies.answer(parsed.get(), sender, packer, ENVELOPE_ENC);
        } catch (RuntimeException e) {
            return replies.storeFailed(e);
        }
    }

    /** The generation of a packed message; v1 when undecidable (the v1 unpack then names the problem). */
    static DidcommVersion generation(byte[] packed) {
        try {
            return dev.switchboard.didcomm.Envelopes.detect(packed);
        } catch (DidcommException e) {
            try {
                JsonNode json = JSON.readTree(packed);
                if (json != null
                        && json.path("type").isTextual()
                        && json.path("id").isTextual()
                        && !json.has("@type")) {
                    return DidcommVersion.V2; // application/didcomm-plain+json
                }
            } catch (IOException | RuntimeException ignored) {
                // not JSON: the v1 path refuses it
            }
            return DidcommVersion.V1;
        }
    }

    private Optional<InboundMessage> parse(
            byte[] plaintext, @Nullable String sender, String recipient, InboundTransport transport) {
        JsonNode json;
        try {
            json = JSON.readTree(plaintext);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        JsonNode type = json.get("@type");
        JsonNode id = json.get("@id");
        if (type == null
                || !type.isTextual()
                || id == null
                || !id.isTextual()
                || id.asText().isEmpty()) {
            return Optional.empty();
        }
        return MessageType.parse(type.asText())
                .map(t -> new InboundMessage(
                        (ObjectNode) json, t, id.asText(), ReturnRoute.of(json), sender, recipient, transport));
    }
}
