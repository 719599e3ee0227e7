package dev.switchboard.mediator.protocol.discoverfeatures.v1;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.message.HandlerRegistry;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Discover features 1.0: {@code query {"query"}} -> {@code disclose {"protocols":[{"pid","roles"}]}}. */
@ApplicationScoped
public class DiscoverFeaturesV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/discover-features/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/discover-features/1.0");

    private final HandlerRegistry registry;

    /** @param registry what is served */
    public DiscoverFeaturesV1Handler(HandlerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Piuri> protocols() {
        return List.of(PIURI);
    }

    @Override
    public List<String> roles() {
        return List.of("responder");
    }

    @Override
    public List<ObjectNode> handle(InboundMessage message) {
        if (!message.type().name().equals("query")) {
            if (message.type().name().equals("disclose")) {
                return List.of();
            }
            throw new MediatorProblem(ProblemCode.MSG_UNSUPPORTED, "unsupported message: " + message.type());
        }
        String query = Messages.requireText(message.body(), "query");
        ObjectNode disclose = Messages.reply(message, PIURI.message("disclose"));
        ArrayNode protocols = disclose.putArray("protocols");
        for (HandlerRegistry.Served served : FeatureMatch.matching(registry, query)) {
            ObjectNode protocol = protocols.addObject();
            protocol.put("pid", served.piuri().uri());
            ArrayNode roles = protocol.putArray("roles");
            served.roles().forEach(roles::add);
        }
        return List.of(disclose);
    }
}
