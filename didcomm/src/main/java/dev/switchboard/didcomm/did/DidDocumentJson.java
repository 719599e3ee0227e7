package dev.switchboard.didcomm.did;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidcommException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a DID document in JSON, as DIDComm v1 agents exchange them ({@code did_doc~attach} of DID exchange,
 * did:peer:1, the connections/1.0 {@code DIDDoc}) and as did:peer:4 encodes them.
 *
 * <p>Understood: {@code verificationMethod}, legacy {@code publicKey}, methods embedded in {@code
 * authentication}/{@code keyAgreement} (and the other relationships, which are kept as methods only), legacy
 * {@code {"type":"Ed25519SignatureAuthentication2018","publicKey":"<ref>"}} entries; method types {@code
 * Ed25519VerificationKey2018/2020}, {@code X25519KeyAgreementKey2019/2020}, {@code JsonWebKey2020}, {@code
 * Multikey} with {@code publicKeyBase58}, {@code publicKeyMultibase} or {@code publicKeyJwk}; services {@code
 * did-communication}, {@code IndyAgent} and {@code DIDCommMessaging} (endpoint as string, object or array).
 * Methods of other key types (RSA, secp256k1, BLS) and other service types are skipped. Relative ids
 * ({@code #key-1}) and unqualified ids ({@code WgWx...#1}) are made absolute.
 *
 * <p>Sources: <a href="https://www.w3.org/TR/did-core/">DID Core</a>, <a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0067-didcomm-diddoc-conventions">RFC
 * 0067</a>, <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0160-connection-protocol">RFC
 * 0160</a>.
 */
public final class DidDocumentJson {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Largest DID document accepted, in bytes. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final String[] RELATIONSHIPS = {
        "authentication", "keyAgreement", "assertionMethod", "capabilityInvocation", "capabilityDelegation"
    };

    static {
        JSON.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private DidDocumentJson() {}

    /**
     * Parses a DID document; its {@code id} names the DID.
     *
     * @throws DidcommException {@code e.p.msg.invalid} when it is not a JSON object with a string {@code id},
     *     or a DIDComm service or supported key is malformed
     */
    public static DidDocument parse(String json) {
        return parse(json, null);
    }

    /**
     * Parses a DID document, with {@code did} as its id when given (did:peer:4 input documents have none;
     * an attachment's document may be unqualified).
     */
    public static DidDocument parse(String json, @Nullable String did) {
        if (json == null) {
            throw DidcommException.invalid("did document: null");
        }
        if (json.length() > MAX_BYTES) {
            throw DidcommException.invalid("did document: larger than " + MAX_BYTES + " bytes");
        }
        return parse(read(json.getBytes(StandardCharsets.UTF_8)), did);
    }

    /** Parses an already-read document; see {@link #parse(String, String)}. */
    public static DidDocument parse(JsonNode doc, @Nullable String did) {
        if (doc == null || !doc.isObject()) {
            throw DidcommException.invalid("did document: not a JSON object");
        }
        String id = did;
        if (id == null) {
            JsonNode idNode = doc.get("id");
            if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
                throw DidcommException.invalid("did document: missing id");
            }
            id = Verkeys.qualifyDid(idNode.asText());
        }
        try {
            return build(doc, id);
        } catch (DidcommException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DidcommException.invalid("did document: malformed", e);
        }
    }

    static JsonNode read(byte[] json) {
        JsonNode node = readAny(json);
        if (!node.isObject()) {
            throw DidcommException.invalid("did document: not a JSON object");
        }
        return node;
    }

    /** Reads JSON of any shape (an object or an array); typed error when not JSON. */
    static JsonNode readAny(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw DidcommException.invalid("did document: empty");
            }
            return node;
        } catch (java.io.IOException e) {
            throw DidcommException.invalid("did document: not JSON", e);
        }
    }

    private static DidDocument build(JsonNode doc, String did) {
        DocumentBuilder b = new DocumentBuilder(did);
        for (String field : new String[] {"verificationMethod", "publicKey"}) {
            for (JsonNode m : array(doc.get(field))) {
                method(b, m);
            }
        }
        for (String rel : RELATIONSHIPS) {
            for (JsonNode entry : array(doc.get(rel))) {
                String ref = null;
                if (entry.isTextual()) {
                    ref = qualifyRef(b, entry.asText());
                } else if (entry.isObject()
                        && entry.get("publicKey") != null
                        && entry.get("publicKey").isTextual()) {
                    ref = qualifyRef(b, entry.get("publicKey").asText()); // Ed25519SignatureAuthentication2018
                } else if (entry.isObject()) {
                    ref = method(b, entry).orElse(null);
                }
                if (ref != null && b.hasMethod(ref)) {
                    if (rel.equals("authentication")) {
                        b.authentication(ref);
                    } else if (rel.equals("keyAgreement")) {
                        b.keyAgreement(ref);
                    }
                }
            }
        }
        int index = 0;
        for (JsonNode s : array(doc.get("service"))) {
            ServiceJson.parse(b, s, index == 0 ? "#service" : "#service-" + index)
                    .ifPresent(b::service);
            index++;
        }
        return b.build();
    }

    /** Adds a verification method; returns its absolute id, or empty when its key type is not supported. */
    private static Optional<String> method(DocumentBuilder b, JsonNode m) {
        if (!m.isObject()) {
            throw DidcommException.invalid("did document: verification method is not an object");
        }
        String type = m.path("type").asText("");
        String rawId = m.path("id").asText("");
        if (rawId.isEmpty()) {
            return Optional.empty();
        }
        Optional<Multikey> key = key(m, type);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String id = qualifyRef(b, rawId);
        String controller = m.hasNonNull("controller") && m.get("controller").isTextual()
                ? m.get("controller").asText()
                : b.did();
        b.method(id, type, controller, key.get());
        return Optional.of(id);
    }

    private static Optional<Multikey> key(JsonNode m, String type) {
        KeyType implied = switch (type) {
            case "Ed25519VerificationKey2018", "Ed25519VerificationKey2020" -> KeyType.ED25519;
            case "X25519KeyAgreementKey2019", "X25519KeyAgreementKey2020" -> KeyType.X25519;
            default -> null;
        };
        JsonNode jwk = m.get("publicKeyJwk");
        if (jwk != null && jwk.isObject()) {
            JWK parsed;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = JSON.convertValue(jwk, Map.class);
                parsed = JWK.parse(map);
            } catch (java.text.ParseException | RuntimeException e) {
                if (jwk.path("kty").asText("").equals("EC")
                        || jwk.path("kty").asText("").equals("OKP")) {
                    throw DidcommException.invalid("did document: malformed publicKeyJwk", e);
                }
                return Optional.empty(); // RSA and other key types: not for DIDComm here
            }
            return supported(() -> Multikey.fromJwk(parsed));
        }
        JsonNode mb = m.get("publicKeyMultibase");
        if (mb != null && mb.isTextual()) {
            String value = mb.asText();
            try {
                return supported(() -> Multikey.decode(value));
            } catch (DidcommException e) {
                if (implied != null && value.startsWith("z")) { // early 2020 suites: raw key, no multicodec
                    return Optional.of(
                            new Multikey(implied, Base58Codec.decode(value.substring(1), "publicKeyMultibase")));
                }
                throw e;
            }
        }
        JsonNode b58 = m.get("publicKeyBase58");
        if (b58 != null && b58.isTextual() && implied != null) {
            return Optional.of(new Multikey(implied, Base58Codec.decode(b58.asText(), "publicKeyBase58")));
        }
        return Optional.empty();
    }

    private static Optional<Multikey> supported(java.util.function.Supplier<Multikey> decode) {
        try {
            return Optional.of(decode.get());
        } catch (DidcommException e) {
            if (e.problemCode().equals(dev.switchboard.didcomm.ProblemCode.MSG_UNSUPPORTED)) {
                return Optional.empty(); // e.g. secp256k1, BLS: not for DIDComm here
            }
            throw e;
        }
    }

    /** Absolute form of an id or reference, qualifying unqualified Indy DIDs ({@code WgWx...#1}). */
    static String qualifyRef(DocumentBuilder b, String ref) {
        if (ref.startsWith("#") || ref.startsWith(";")) {
            return b.absolute(ref);
        }
        if (!ref.startsWith("did:") && (ref.contains("#") || ref.contains(";"))) {
            return Verkeys.qualifyDid(ref);
        }
        return ref;
    }

    static Iterable<JsonNode> array(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return java.util.List.of();
        }
        if (node.isArray()) {
            return node;
        }
        throw DidcommException.invalid("did document: expected an array");
    }
}
