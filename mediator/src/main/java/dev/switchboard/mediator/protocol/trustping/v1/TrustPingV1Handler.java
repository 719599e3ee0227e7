package dev.switchboard.mediator.protocol.trustping.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Trust ping 1.0: answers {@code ping} with {@code ping_response} unless {@code response_requested} is false;
 * ignores {@code ping_response}.
 */
@ApplicationScoped
public class TrustPingV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/trust_ping/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/trust_ping/1.0");

    @Override
    public List<Piuri> protocols() {
        return List.of(PIURI);
    }

    @Override
    public List<String> roles() {
        return List.of("receiver");
    }

    @Override
    public List<ObjectNode> handle(InboundMessage message) {
        return switch (message.type().name()) {
            case "ping" ->
                message.body().path("response_requested").asBoolean(true)
                        ? List.of(Messages.reply(message, PIURI.message("ping_response")))
                        : List.of();
            case "ping_response" -> List.of();
            default -> throw new MediatorProblem(ProblemCode.MSG_UNSUPPORTED, "unsupported message: " + message.type());
        };
    }
}
