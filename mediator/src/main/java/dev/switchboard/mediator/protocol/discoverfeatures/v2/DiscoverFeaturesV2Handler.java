package dev.switchboard.mediator.protocol.discoverfeatures.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.HandlerRegistry;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.protocol.discoverfeatures.v1.FeatureMatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Discover features 2.0: {@code queries {"queries":[{"feature-type","match"}]}} -> {@code disclosures
 * {"disclosures":[{"feature-type":"protocol","id","roles"}]}}. Only the {@code protocol} feature type is
 * disclosed; other types match nothing.
 */
@ApplicationScoped
public class DiscoverFeaturesV2Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/discover-features/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/discover-features/2.0");

    private final HandlerRegistry registry;

    /** @param registry what is served */
    public DiscoverFeaturesV2Handler(HandlerRegistry registry) {
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
        if (!message.type().name().equals("queries")) {
            if (message.type().name().equals("disclosures")) {
                return List.of();
            }
            throw new MediatorProblem(ProblemReports.UNSUPPORTED, "unsupported message: " + message.type());
        }
        JsonNode queries = Messages.requireArray(message.body(), "queries");
        ObjectNode reply = Messages.reply(message, PIURI.message("disclosures"));
        ArrayNode disclosures = reply.putArray("disclosures");
        for (JsonNode query : queries) {
            if (!"protocol".equals(query.path("feature-type").asText())) {
                continue;
            }
            String match = Messages.requireText(query, "match");
            for (HandlerRegistry.Served served : FeatureMatch.matching(registry, match)) {
                ObjectNode disclosure = disclosures.addObject();
                disclosure.put("feature-type", "protocol");
                disclosure.put("id", served.piuri().uri());
                ArrayNode roles = disclosure.putArray("roles");
                served.roles().forEach(roles::add);
            }
        }
        return List.of(reply);
    }
}
