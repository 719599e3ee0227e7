package dev.switchboard.mediator.protocol.discoverfeatures.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.HandlerRegistry;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.discoverfeatures.v1.FeatureMatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Discover features 2.0: {@code queries {"queries":[{"feature-type","match"}]}} -> over DIDComm v1 (Aries RFC
 * 0557) {@code disclosures {"disclosures":[...]}}, over DIDComm v2 (<a
 * href="https://identity.foundation/didcomm-messaging/spec/v2.1/#discover-features-protocol-20">DIDComm 2.1,
 * Discover Features 2.0</a>) {@code disclose {"body":{"disclosures":[...]}}}, each {@code
 * {"feature-type":"protocol","id","roles"}}. Every protocol and version served is disclosed, v1 and v2
 * alike. Only the {@code protocol} feature type is disclosed; other types match nothing.
 */
@ApplicationScoped
@Serves(
        value = "https://didcomm.org/discover-features/2.0",
        roles = "responder",
        generations = {DidcommVersion.V1, DidcommVersion.V2})
public class DiscoverFeaturesV2Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/discover-features/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/discover-features/2.0");

    private final HandlerRegistry registry;

    /** @param registry what is served */
    public DiscoverFeaturesV2Handler(HandlerRegistry registry) {
        this.registry = registry;
    }

    @Handles("https://didcomm.org/discover-features/2.0/queries")
    Handled queries(InboundMessage message) {
        JsonNode queries = Messages.requireArray(message.content(), "queries");
        ObjectNode reply = Messages.replyInKind(message, PIURI.message(message.isV2() ? "disclose" : "disclosures"));
        ArrayNode disclosures = Messages.content(reply).putArray("disclosures");
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
        return Handled.reply(reply);
    }

    @Handles("https://didcomm.org/discover-features/2.0/disclose")
    @Handles("https://didcomm.org/discover-features/2.0/disclosures")
    Handled disclose(InboundMessage message) {
        return Handled.NOTHING;
    }
}
