package dev.switchboard.didcomm.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.did.Ed25519;
import dev.switchboard.didcomm.did.Multikey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code ed25519Sha512_single} signature decorator, as connections/1.0 uses it for {@code
 * connection~sig}: {@code sig_data} = base64url(8-byte big-endian epoch seconds || JSON), {@code signature} =
 * base64url(Ed25519 signature of those bytes), {@code signer} = base58 verkey.
 *
 * <p>Source: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0234-signature-decorator">Aries
 * RFC 0234</a>, <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0160-connection-protocol">RFC
 * 0160</a>; checked against Credo's SignatureDecoratorUtils test vector.
 *
 * @param type the decorator {@code @type}
 * @param signature base64url Ed25519 signature
 * @param sigData base64url of timestamp || JSON
 * @param signer the signer's base58 verkey
 */
public record SignatureDecorator(String type, String signature, String sigData, String signer) {
    /** The {@code @type} emitted. */
    public static final String TYPE = "https://didcomm.org/signature/1.0/ed25519Sha512_single";
    /** The legacy {@code @type}, accepted. */
    public static final String LEGACY_TYPE = "did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/signature/1.0/ed25519Sha512_single";

    public SignatureDecorator {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(sigData, "sigData");
        Objects.requireNonNull(signer, "signer");
    }

    /**
     * Signs JSON bytes.
     *
     * @param json the JSON to sign (for connection~sig: the {@code connection} object)
     * @param key the signing key
     * @param epochSeconds the timestamp to prefix (seconds since the Unix epoch)
     */
    public static SignatureDecorator sign(byte[] json, Ed25519.KeyPair key, long epochSeconds) {
        byte[] data = ByteBuffer.allocate(8 + json.length)
                .putLong(epochSeconds)
                .put(json)
                .array();
        byte[] sig = Ed25519.sign(key, data);
        return new SignatureDecorator(TYPE, B64.encode(sig), B64.encode(data), key.verkey());
    }

    /**
     * Reads a decorator object ({@code @type}, {@code signature}, {@code sig_data}, {@code signer}).
     *
     * @throws DidcommException {@code e.p.msg.invalid} when a field is missing or not a string, {@code
     *     e.p.msg.unsupported} for another signature type
     */
    public static SignatureDecorator fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw DidcommException.invalid("signature decorator: not an object");
        }
        String type = ParsedEnvelope.text(node, "@type", "signature decorator");
        if (!type.equals(TYPE) && !type.equals(LEGACY_TYPE)) {
            throw DidcommException.unsupported("signature decorator: unsupported @type");
        }
        return new SignatureDecorator(
                type,
                ParsedEnvelope.text(node, "signature", "signature decorator"),
                ParsedEnvelope.text(node, "sig_data", "signature decorator"),
                ParsedEnvelope.text(node, "signer", "signature decorator"));
    }

    /** The decorator as a JSON-ready map with the wire field names. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@type", type);
        out.put("signature", signature);
        out.put("sig_data", sigData);
        out.put("signer", signer);
        return out;
    }

    /**
     * Verifies the signature by {@link #signer()} and returns the signed JSON bytes (timestamp removed).
     *
     * @throws DidcommException {@code e.p.trust.crypto} when the signature does not verify, {@code
     *     e.p.msg.invalid} when a field is not decodable
     */
    public byte[] verify() {
        byte[] data = B64.decode(sigData, "sig_data");
        byte[] sig = B64.decode(signature, "signature");
        byte[] pk = Multikey.ed25519(signer).publicKey();
        if (data.length < 8 || !Ed25519.verify(pk, data, sig)) {
            throw DidcommException.crypto("signature decorator: signature does not verify");
        }
        return Arrays.copyOfRange(data, 8, data.length);
    }

    /** The signed timestamp, seconds since the Unix epoch (not verified; call {@link #verify()} first). */
    public long epochSeconds() {
        byte[] data = B64.decode(sigData, "sig_data");
        if (data.length < 8) {
            throw DidcommException.invalid("sig_data: shorter than its 8-byte timestamp");
        }
        return ByteBuffer.wrap(data, 0, 8).getLong();
    }
}
