package dev.switchboard.didcomm.did;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.didcomm.DidDocument.Service;
import dev.switchboard.didcomm.DidcommException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads one DIDComm service of a DID document (v1 {@code did-communication}/{@code IndyAgent}, v2 {@code DIDCommMessaging}). */
final class ServiceJson {
    static final Set<String> DIDCOMM_TYPES = Set.of("did-communication", "IndyAgent", "DIDCommMessaging");

    private ServiceJson() {}

    /**
     * @param defaultId the id to use when the service has none ({@code #service}, {@code #service-1} ...)
     * @return the service, or empty when it is not a DIDComm service
     */
    static Optional<Service> parse(DocumentBuilder b, JsonNode s, String defaultId) {
        if (!s.isObject()) {
            throw DidcommException.invalid("did document: service is not an object");
        }
        String type = s.path("type").asText("");
        if (!DIDCOMM_TYPES.contains(type)) {
            return Optional.empty();
        }
        String id = s.hasNonNull("id") && s.get("id").isTextual() ? s.get("id").asText() : defaultId;
        id = DidDocumentJson.qualifyRef(b, id);
        JsonNode endpoint = s.get("serviceEndpoint");
        if (endpoint != null && endpoint.isArray() && !endpoint.isEmpty()) {
            endpoint = endpoint.get(0);
        }
        String uri;
        List<String> routingKeys = strings(s.get("routingKeys"));
        List<String> accept = strings(s.get("accept"));
        if (endpoint != null && endpoint.isTextual()) {
            uri = endpoint.asText();
        } else if (endpoint != null
                && endpoint.isObject()
                && endpoint.path("uri").isTextual()) {
            uri = endpoint.get("uri").asText();
            if (endpoint.has("routingKeys")) {
                routingKeys = strings(endpoint.get("routingKeys"));
            }
            if (endpoint.has("accept")) {
                accept = strings(endpoint.get("accept"));
            }
        } else {
            throw DidcommException.invalid("did document: service " + type + " without serviceEndpoint");
        }
        List<String> recipientKeys = new ArrayList<>();
        for (String k : strings(s.get("recipientKeys"))) {
            recipientKeys.add(DidDocumentJson.qualifyRef(b, k));
        }
        try {
            return Optional.of(new Service(id, type, new URI(uri), routingKeys, accept, recipientKeys));
        } catch (URISyntaxException e) {
            throw DidcommException.invalid("did document: service endpoint is not a URI", e);
        }
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : DidDocumentJson.array(node)) {
            if (!n.isTextual()) {
                throw DidcommException.invalid("did document: expected an array of strings");
            }
            out.add(n.asText());
        }
        return out;
    }
}
