package dev.switchboard.mediator.protocol.routing.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.routing.Forwards;
import dev.switchboard.mediator.quota.Quotas;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Routing 1.0 {@code forward}: {@code {"to":"<key>","msg":{JWE}}} ({@code to} raw base58 or did:key; {@code
 * msg} a JSON object or a JSON string). The inner message is stored in the mailbox of the wallet that
 * registered {@code to}, and only then does the handler return (the sender then gets 202); a live route
 * then gets it at once.
 *
 * <p>Refusals all carry {@code e.p.msg.forward-refused} and the same text, so a sender cannot tell an
 * unknown key from a malformed forward. The mailbox id of a message is the base64url SHA-256 of its bytes: a
 * retried forward is stored once.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/routing/1.0", roles = "mediator")
public class RoutingV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/routing/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/routing/1.0");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediationStore mediations;
    private final Forwards forwards;
    private final Quotas quotas;

    /** Constructor injection. */
    public RoutingV1Handler(MediationStore mediations, Forwards forwards, Quotas quotas) {
        this.quotas = quotas;
        this.mediations = mediations;
        this.forwards = forwards;
    }

    @Handles("https://didcomm.org/routing/1.0/forward")
    Handled forward(InboundMessage message) {
        JsonNode to = message.body().get("to");
        byte[] inner = innerMessage(message.body().get("msg"));
        String verkey = to != null && to.isTextual() ? Ed25519Keys.toVerkey(to.asText()) : null;
        Optional<String> conn = verkey == null ? Optional.empty() : mediations.ownerOf(verkey);
        if (inner == null || conn.isEmpty()) {
            throw forwards.refused("forward refused");
        }
        quotas.admitForward(message, conn.get()); // messages per sender per recipient
        return forwards.store(conn.get(), inner, null);
    }

    private static byte @org.jspecify.annotations.Nullable [] innerMessage(JsonNode msg) {
        try {
            if (msg != null && msg.isObject()) {
                return JSON.writeValueAsBytes(msg);
            }
            if (msg != null && msg.isTextual() && JSON.readTree(msg.asText()).isObject()) {
                return msg.asText().getBytes(StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
