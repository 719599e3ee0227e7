package dev.switchboard.mediator.protocol.discoverfeatures.v1;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.HandlerRegistry;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import jakarta.enterprise.context.ApplicationScoped;

/** Discover features 1.0: {@code query {"query"}} -> {@code disclose {"protocols":[{"pid","roles"}]}}. */
@ApplicationScoped
@Serves(value = "https://didcomm.org/discover-features/1.0", roles = "responder")
public class DiscoverFeaturesV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/discover-features/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/discover-features/1.0");

    private final HandlerRegistry registry;

    /** @param registry what is served */
    public DiscoverFeaturesV1Handler(HandlerRegistry registry) {
        this.registry = registry;
    }

    @Handles("https://didcomm.org/discover-features/1.0/query")
    Handled query(InboundMessage message) {
        String query = Messages.requireText(message.body(), "query");
        ObjectNode disclose = Messages.reply(message, PIURI.message("disclose"));
        ArrayNode protocols = disclose.putArray("protocols");
        for (HandlerRegistry.Served served : FeatureMatch.matching(registry, query)) {
            ObjectNode protocol = protocols.addObject();
            protocol.put("pid", served.piuri().uri());
            ArrayNode roles = protocol.putArray("roles");
            served.roles().forEach(roles::add);
        }
        return Handled.reply(disclose);
    }

    @Handles("https://didcomm.org/discover-features/1.0/disclose")
    Handled disclose(InboundMessage message) {
        return Handled.NOTHING;
    }
}
