package dev.switchboard.didcomm.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidResolver;
import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.SecretResolver;
import io.github.novacrypto.base58.Base58;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test-only resolvers: a DID resolver over DID documents given as JSON (JsonWebKey2020 publicKeyJwk, or
 * Multikey/X25519KeyAgreementKey2020/Ed25519VerificationKey2020 publicKeyMultibase), and an in-memory
 * secret resolver over JWK arrays.
 */
final class TestDids implements DidResolver {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, DidDocument> docs = new LinkedHashMap<>();

    TestDids add(DidDocument doc) {
        docs.put(doc.id(), doc);
        return this;
    }

    TestDids add(String json) {
        return add(parse(json));
    }

    @Override
    public Optional<DidDocument> resolve(String did) {
        return Optional.ofNullable(docs.get(did));
    }

    static DidDocument parse(String json) {
        try {
            JsonNode doc = MAPPER.readTree(json);
            String id = doc.get("id").asText();
            Map<String, DidDocument.VerificationMethod> methods = new LinkedHashMap<>();
            for (JsonNode vm : doc.path("verificationMethod")) {
                var m = method(id, vm);
                methods.put(m.id(), m);
            }
            List<String> auth = refs(id, doc.path("authentication"), methods);
            List<String> ka = refs(id, doc.path("keyAgreement"), methods);
            List<DidDocument.Service> services = new ArrayList<>();
            for (JsonNode s : doc.path("service")) {
                JsonNode ep = s.get("serviceEndpoint");
                JsonNode epObj = ep.isArray() ? ep.get(0) : ep;
                String uri =
                        epObj.isTextual() ? epObj.asText() : epObj.get("uri").asText();
                JsonNode rk = epObj.isObject() ? epObj.path("routingKeys") : s.path("routingKeys");
                JsonNode acc = epObj.isObject() ? epObj.path("accept") : s.path("accept");
                List<String> routingKeys = new ArrayList<>();
                rk.forEach(k -> routingKeys.add(k.asText()));
                List<String> accept = new ArrayList<>();
                acc.forEach(k -> accept.add(k.asText()));
                String sid = s.get("id").asText();
                services.add(
                        new DidDocument.Service(sid, s.get("type").asText(), URI.create(uri), routingKeys, accept));
            }
            return new DidDocument(id, List.copyOf(methods.values()), auth, ka, services);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test DID doc", e);
        }
    }

    private static List<String> refs(String did, JsonNode arr, Map<String, DidDocument.VerificationMethod> methods)
            throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode e : arr) {
            if (e.isTextual()) {
                ids.add(absolute(did, e.asText()));
            } else {
                var m = method(did, e);
                methods.put(m.id(), m);
                ids.add(m.id());
            }
        }
        return ids;
    }

    private static String absolute(String did, String id) {
        return id.startsWith("#") ? did + id : id;
    }

    private static DidDocument.VerificationMethod method(String did, JsonNode vm) throws Exception {
        JWK jwk;
        if (vm.has("publicKeyJwk")) {
            jwk = JWK.parse(MAPPER.writeValueAsString(vm.get("publicKeyJwk")));
        } else {
            String mb = vm.get("publicKeyMultibase").asText();
            byte[] raw = Base58.base58Decode(mb.substring(1));
            int codec = (raw[0] & 0xff) | ((raw[1] & 0x7f) << 7); // varint, 2 bytes for 0xec/0xed
            byte[] key = Arrays.copyOfRange(raw, 2, raw.length);
            Curve crv = codec == 0xec ? Curve.X25519 : codec == 0xed ? Curve.Ed25519 : null;
            if (crv == null) {
                throw new IllegalArgumentException("multicodec 0x" + Integer.toHexString(codec));
            }
            jwk = new OctetKeyPair.Builder(crv, Base64URL.encode(key)).build();
        }
        String controller = vm.has("controller") ? vm.get("controller").asText() : did;
        return new DidDocument.VerificationMethod(
                absolute(did, vm.get("id").asText()), vm.get("type").asText(), controller, jwk);
    }

    /** An in-memory secret resolver; JWK arrays may carry the kid as "kid" or the appendix's "kid ". */
    static final class Secrets implements SecretResolver {
        private final Map<String, Secret> byKid = new LinkedHashMap<>();

        Secrets add(String kid, JWK jwk) {
            byKid.put(kid, new Secret(kid, jwk));
            return this;
        }

        Secrets addAll(String jwkArrayJson) {
            try {
                for (JsonNode n : MAPPER.readTree(jwkArrayJson)) {
                    String kid =
                            n.has("kid") ? n.get("kid").asText() : n.get("kid ").asText();
                    var copy = n.deepCopy();
                    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("kid", "kid "));
                    add(kid, JWK.parse(MAPPER.writeValueAsString(copy)));
                }
            } catch (Exception e) {
                throw new IllegalArgumentException("bad test secrets", e);
            }
            return this;
        }

        @Override
        public Optional<Secret> findKey(String kid) {
            return Optional.ofNullable(byKid.get(kid));
        }
    }
}
