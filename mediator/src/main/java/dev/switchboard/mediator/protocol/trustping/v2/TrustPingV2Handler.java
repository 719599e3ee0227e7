package dev.switchboard.mediator.protocol.trustping.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Trust ping 2.0 (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#trust-ping-protocol-20">DIDComm
 * 2.1, Trust Ping Protocol 2.0</a>): {@code ping {"response_requested": true}} (the default) -> {@code
 * ping-response} threaded to the ping; {@code ping-response} is received silently.
 */
@ApplicationScoped
public class TrustPingV2Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/trust-ping/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/trust-ping/2.0");

    @Override
    public List<Piuri> protocols() {
        return List.of(PIURI);
    }

    @Override
    public Set<DidcommVersion> generations() {
        return Set.of(DidcommVersion.V2);
    }

    @Override
    public List<String> roles() {
        return List.of("receiver");
    }

    @Override
    public List<ObjectNode> handle(InboundMessage message) {
        return switch (message.type().name()) {
            case "ping" -> {
                JsonNode requested = message.content().get("response_requested");
                boolean respond = requested == null || !requested.isBoolean() || requested.asBoolean();
                yield respond ? List.of(Messages.replyInKind(message, PIURI.message("ping-response"))) : List.of();
            }
            case "ping-response" -> List.of();
            default -> throw new MediatorProblem(ProblemCode.MSG_UNSUPPORTED, "unsupported message: " + message.type());
        };
    }
}
