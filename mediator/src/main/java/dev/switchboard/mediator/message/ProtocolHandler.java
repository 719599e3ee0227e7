package dev.switchboard.mediator.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Serves the messages of one protocol family and major version. Implementations are CDI beans; the
 * {@link HandlerRegistry} finds them and routes by {@link #protocols()}.
 */
public interface ProtocolHandler {

    /** The PIURIs this handler serves (any minor version of each major version is routed here). */
    List<Piuri> protocols();

    /** The roles the mediator plays in these protocols, as discover-features discloses them. */
    default List<String> roles() {
        return List.of();
    }

    /**
     * Handles one message.
     *
     * @param message the unpacked message; its type matches one of {@link #protocols()}
     * @return the replies to the sender, in order (plaintext, not yet packed), possibly empty
     * @throws MediatorProblem when the message is refused; the dispatcher answers a problem report
     */
    List<ObjectNode> handle(InboundMessage message);
}
