package dev.switchboard.didcomm;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Tells DIDComm v1 from v2 packed messages before unpacking, so the mediator can pick the right library.
 *
 * <p>Rules (docs/didcomm-protocol-notes.md section A): decode the {@code protected} header; {@code typ}
 * {@code JWM/1.0} is v1 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0019-encryption-envelope">RFC
 * 0019</a>); a {@code typ} containing {@code application/didcomm} is v2 (<a
 * href="https://identity.foundation/didcomm-messaging/spec/v2.1/#iana-media-types">DIDComm Messaging 2.1,
 * media types</a>); otherwise {@code alg} decides ({@code Authcrypt}/{@code Anoncrypt} v1, any JOSE
 * algorithm v2). A JWS (General JSON, {@code payload} + {@code signatures}) is v2.
 */
public final class Envelopes {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private Envelopes() {}

    /** As {@link #detect(byte[])} for a packed message held as a string. */
    public static DidcommVersion detect(String packed) {
        if (packed == null) {
            throw DidcommException.invalid("envelope: null");
        }
        return detect(packed.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The DIDComm generation of a packed (encrypted or signed) message.
     *
     * @param packed the packed JSON, UTF-8
     * @return {@link DidcommVersion#V1} or {@link DidcommVersion#V2}
     * @throws DidcommException {@code e.p.msg.invalid} when it is not JSON with a decodable {@code protected}
     *     header, {@code e.p.msg.unsupported} when the header matches neither generation
     */
    public static DidcommVersion detect(byte[] packed) {
        if (packed == null) {
            throw DidcommException.invalid("envelope: null");
        }
        JsonNode root;
        try {
            root = JSON.readTree(packed);
        } catch (java.io.IOException | RuntimeException e) {
            throw DidcommException.invalid("envelope: not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw DidcommException.invalid("envelope: not a JSON object");
        }
        JsonNode prot = root.get("protected");
        if (prot == null && root.has("payload") && root.has("signatures")) {
            prot = root.get("signatures").path(0).get("protected");
        }
        if (prot == null || !prot.isTextual()) {
            throw DidcommException.invalid("envelope: no protected header");
        }
        JsonNode header;
        try {
            header = JSON.readTree(decode(prot.asText()));
        } catch (java.io.IOException | RuntimeException e) {
            throw DidcommException.invalid("envelope: protected header is not base64url JSON", e);
        }
        if (header == null || !header.isObject()) {
            throw DidcommException.invalid("envelope: protected header is not a JSON object");
        }
        String typ = header.path("typ").asText("");
        if (typ.equals("JWM/1.0")) {
            return DidcommVersion.V1;
        }
        if (typ.contains("application/didcomm")) {
            return DidcommVersion.V2;
        }
        String alg = header.path("alg").asText("");
        if (alg.equals("Authcrypt") || alg.equals("Anoncrypt")) {
            return DidcommVersion.V1;
        }
        if (!alg.isEmpty() || root.has("recipients") || root.has("signatures")) {
            return DidcommVersion.V2;
        }
        throw DidcommException.unsupported("envelope: neither a DIDComm v1 nor a v2 protected header");
    }

    private static byte[] decode(String b64) {
        if (b64.indexOf('+') >= 0 || b64.indexOf('/') >= 0) {
            return Base64.getDecoder().decode(b64);
        }
        return Base64.getUrlDecoder().decode(b64);
    }
}
