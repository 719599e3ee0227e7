package dev.switchboard.didcomm.did;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidDocument.Service;
import dev.switchboard.didcomm.DidResolver;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * did:peer numalgo 2: create and resolve.
 *
 * <p>Source: <a href="https://identity.foundation/peer-did-method-spec/#method-2-multiple-inception-key-without-doc">Peer
 * DID Method, method 2</a> (clarified version): elements {@code .<purpose><multikey>} with purposes A, E, V, I,
 * D and {@code .S<base64url(service JSON)>}; keys become {@code #key-1}, {@code #key-2} ... in DID order
 * (type {@code Multikey}); services without id become {@code #service}, {@code #service-1} ...; abbreviations
 * {@code t, s, r, a, dm} are expanded. Tolerated variants seen in real wallets: services with or without
 * abbreviations, a JSON array of services inside one S element (Credo), padded base64url, legacy flat
 * {@code routingKeys}/{@code accept} beside a string endpoint. Key lookups tolerant of other id schemes
 * (Credo's {@code #didcommmessaging-0}, fingerprint fragments) are in {@link DidDocuments#findMethod}.
 */
public final class DidPeer2 implements DidResolver {
    /** The method prefix, {@code did:peer:2}. */
    public static final String PREFIX = "did:peer:2";

    private static final DidPeer2 INSTANCE = new DidPeer2();
    private static final Map<String, String> EXPAND =
            Map.of("t", "type", "s", "serviceEndpoint", "r", "routingKeys", "a", "accept");

    private DidPeer2() {}

    /** The did:peer:2 resolver (stateless). */
    public static DidPeer2 resolver() {
        return INSTANCE;
    }

    /**
     * Creates a did:peer:2 from keys and services.
     *
     * @param verification authentication keys (purpose V), e.g. Ed25519
     * @param encryption key-agreement keys (purpose E), e.g. X25519
     * @param services services, abbreviated on encoding; ids must be relative ({@code #...}) or are omitted
     * @return the DID; keys are {@code #key-1} ... in the order verification then encryption
     */
    public static String create(List<Multikey> verification, List<Multikey> encryption, List<Service> services) {
        StringBuilder did = new StringBuilder(PREFIX);
        for (Multikey k : verification) {
            did.append(".V").append(k.encode());
        }
        for (Multikey k : encryption) {
            did.append(".E").append(k.encode());
        }
        for (Service s : services) {
            did.append(".S").append(encodeService(s));
        }
        return did.toString();
    }

    private static String encodeService(Service s) {
        ObjectNode n = DidDocumentJson.JSON.createObjectNode();
        if (s.id().startsWith("#")) {
            n.put("id", s.id());
        }
        n.put("t", s.type().equals("DIDCommMessaging") ? "dm" : s.type());
        if (s.type().equals("DIDCommMessaging")) {
            ObjectNode ep = n.putObject("s");
            ep.put("uri", s.endpoint().toString());
            strings(ep.putArray("a"), s.accept());
            strings(ep.putArray("r"), s.routingKeys());
        } else {
            n.put("s", s.endpoint().toString());
            strings(n.putArray("recipientKeys"), s.recipientKeys());
            strings(n.putArray("r"), s.routingKeys());
            strings(n.putArray("a"), s.accept());
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(DidDocumentJson.JSON.writeValueAsBytes(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /**
     * Resolves a did:peer:2 to its document.
     *
     * @throws DidcommException {@code e.p.did.unresolvable} when malformed
     */
    public static DidDocument document(String did) {
        try {
            return decode(did);
        } catch (DidcommException e) {
            if (e.problemCode().equals(ProblemCode.DID_UNRESOLVABLE)) {
                throw e;
            }
            throw new DidcommException(ProblemCode.DID_UNRESOLVABLE, "did:peer:2: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DidcommException(ProblemCode.DID_UNRESOLVABLE, "did:peer:2: malformed", e);
        }
    }

    private static DidDocument decode(String did) {
        if (did == null || !did.startsWith(PREFIX + ".") || did.length() > 64 * 1024) {
            throw DidcommException.unresolvable("did:peer:2: malformed");
        }
        DocumentBuilder b = new DocumentBuilder(did);
        String[] elements = did.substring(PREFIX.length() + 1).split("\\.", -1);
        int keyIndex = 0;
        int serviceIndex = 0;
        for (String element : elements) {
            if (element.length() < 2) {
                throw DidcommException.unresolvable("did:peer:2: empty element");
            }
            char purpose = element.charAt(0);
            String value = element.substring(1);
            switch (purpose) {
                case 'A', 'E', 'V', 'I', 'D' -> {
                    Multikey key = Multikey.decode(value);
                    String id = "#key-" + (++keyIndex);
                    b.method(id, DidKey.MULTIKEY, did, key);
                    if (purpose == 'V') {
                        b.authentication(id);
                    } else if (purpose == 'E') {
                        b.keyAgreement(id);
                    }
                }
                case 'S' -> {
                    JsonNode json = DidDocumentJson.readAny(base64url(value));
                    for (JsonNode s : json.isArray() ? json : List.of(json)) {
                        String defaultId = serviceIndex == 0 ? "#service" : "#service-" + serviceIndex;
                        serviceIndex++;
                        ServiceJson.parse(b, expand(s), defaultId).ifPresent(b::service);
                    }
                }
                default -> throw DidcommException.unresolvable("did:peer:2: unknown purpose code");
            }
        }
        return b.build();
    }

    private static byte[] base64url(String value) {
        try {
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw DidcommException.unresolvable("did:peer:2: service is not base64url");
        }
    }

    /** Expands the spec's abbreviations in keys (recursively) and the {@code dm} type value. */
    static JsonNode expand(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = DidDocumentJson.JSON.createArrayNode();
            node.forEach(n -> out.add(expand(n)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = DidDocumentJson.JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = EXPAND.getOrDefault(e.getKey(), e.getKey());
            JsonNode value = expand(e.getValue());
            if (key.equals("type") && value.isTextual() && value.asText().equals("dm")) {
                value = DidDocumentJson.JSON.getNodeFactory().textNode("DIDCommMessaging");
            }
            out.set(key, value);
        }
        return out;
    }

    /** Resolves did:peer:2 DIDs; empty for other methods. */
    @Override
    public Optional<DidDocument> resolve(String did) {
        if (did == null || !did.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(document(did));
    }
}
