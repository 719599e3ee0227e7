package dev.switchboard.didcomm.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.did.DidKey;
import dev.switchboard.didcomm.did.Ed25519;
import dev.switchboard.didcomm.did.KeyType;
import dev.switchboard.didcomm.did.Multikey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Signed attachments of DID exchange: a detached EdDSA JWS over an attachment's {@code data.base64}, as in
 * {@code did_doc~attach} and {@code did_rotate~attach}: {@code {"header":{"kid":"did:key:z6Mk..."},
 * "protected":B64U({"alg":"EdDSA","jwk":{OKP}}),"signature":B64U}}, signing input {@code protected + "." +
 * base64url(payload)}.
 *
 * <p>Source: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0023-did-exchange">Aries RFC
 * 0023</a>, <a href="https://github.com/hyperledger/aries-rfcs/tree/main/concepts/0017-attachments">RFC 0017</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc7515#appendix-F">RFC 7515 appendix F</a> (detached content);
 * signing and verification by Nimbus JOSE+JWT ({@code Ed25519Signer}/{@code Ed25519Verifier}, Tink).
 */
public final class AttachmentSignatures {
    private AttachmentSignatures() {}

    /**
     * A detached JWS of an attachment.
     *
     * @param kid the unprotected {@code header.kid}: the signer's did:key
     * @param protectedB64 the base64url protected header
     * @param signature the base64url signature
     */
    public record DetachedJws(String kid, String protectedB64, String signature) {
        public DetachedJws {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(protectedB64, "protectedB64");
            Objects.requireNonNull(signature, "signature");
        }

        /** The {@code data.jws} object as a JSON-ready map. */
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("header", Map.of("kid", kid));
            out.put("protected", protectedB64);
            out.put("signature", signature);
            return out;
        }

        /**
         * Reads a {@code data.jws} object; when it is in General form ({@code signatures}) the first signature.
         *
         * @throws DidcommException {@code e.p.msg.invalid} when fields are missing or not strings
         */
        public static DetachedJws fromJson(JsonNode jws) {
            if (jws == null || !jws.isObject()) {
                throw DidcommException.invalid("jws: not an object");
            }
            JsonNode one = jws.has("signatures") ? jws.get("signatures").path(0) : jws;
            if (!one.isObject()) {
                throw DidcommException.invalid("jws: signatures[0] is not an object");
            }
            JsonNode kid = one.path("header").path("kid");
            return new DetachedJws(
                    kid.isTextual() ? kid.asText() : "",
                    ParsedEnvelope.text(one, "protected", "jws"),
                    ParsedEnvelope.text(one, "signature", "jws"));
        }
    }

    /** The attachment's {@code data.base64} for a payload (standard base64 with padding, as Credo writes it). */
    public static String base64(byte[] payload) {
        return Base64.getEncoder().encodeToString(payload);
    }

    /**
     * Signs a payload with an Ed25519 key.
     *
     * @param payload the attachment content (e.g. the DID document JSON, or the DID for did_rotate)
     * @param key the signing key (for a DID exchange response: the invitation key)
     */
    public static DetachedJws sign(byte[] payload, Ed25519.KeyPair key) {
        OctetKeyPair jwk = key.toPrivateJwk();
        JWSHeader header =
                new JWSHeader.Builder(JWSAlgorithm.EdDSA).jwk(jwk.toPublicJWK()).build();
        JWSObject jws = new JWSObject(header, new Payload(payload));
        try {
            jws.sign(new Ed25519Signer(jwk));
        } catch (JOSEException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
        return new DetachedJws(
                DidKey.of(key.multikey()),
                jws.getHeader().toBase64URL().toString(),
                jws.getSignature().toString());
    }

    /**
     * Verifies a detached JWS over an attachment's {@code data.base64}.
     *
     * @param dataBase64 the attachment's {@code data.base64} (standard or url alphabet, padded or not); null
     *     is reported as {@code e.p.msg.invalid}
     * @param jws the attachment's {@code data.jws}
     * @param expectedSigner when not null, the verkey (base58 or did:key) that must have signed
     * @return the signer's base58 verkey
     * @throws DidcommException {@code e.p.trust.crypto} when the signature does not verify or is by another key,
     *     {@code e.p.msg.invalid} / {@code e.p.msg.unsupported} for malformed or non-EdDSA input
     */
    public static String verify(String dataBase64, DetachedJws jws, @Nullable String expectedSigner) {
        if (dataBase64 == null || jws == null) {
            throw DidcommException.invalid("attachment: data.base64 or data.jws missing");
        }
        byte[] payload = B64.decode(dataBase64, "data.base64");
        JWSObject parsed;
        try {
            parsed = new JWSObject(
                    new Base64URL(jws.protectedB64()),
                    new Payload(Base64URL.encode(payload)),
                    new Base64URL(jws.signature()));
        } catch (java.text.ParseException | RuntimeException e) {
            throw DidcommException.invalid("jws: malformed protected header", e);
        }
        if (!JWSAlgorithm.EdDSA.equals(parsed.getHeader().getAlgorithm())) {
            throw DidcommException.unsupported("jws: alg is not EdDSA");
        }
        Multikey signer = signer(jws, parsed);
        if (expectedSigner != null
                && !signer.base58().equals(dev.switchboard.didcomm.did.Verkeys.normalize(expectedSigner))) {
            throw DidcommException.crypto("jws: signed by another key");
        }
        try {
            OctetKeyPair pub = (OctetKeyPair) signer.toJwk();
            if (!parsed.verify(new Ed25519Verifier(pub))) {
                throw DidcommException.crypto("jws: signature does not verify");
            }
        } catch (JOSEException | RuntimeException e) {
            if (e instanceof DidcommException d) {
                throw d;
            }
            throw DidcommException.crypto("jws: signature does not verify", e);
        }
        return signer.base58();
    }

    private static Multikey signer(DetachedJws jws, JWSObject parsed) {
        Multikey fromKid = null;
        if (!jws.kid().isEmpty()) {
            fromKid = dev.switchboard.didcomm.did.Verkeys.toMultikey(jws.kid());
        }
        Multikey fromJwk = null;
        if (parsed.getHeader().getJWK() != null) {
            fromJwk = Multikey.fromJwk(parsed.getHeader().getJWK());
            if (fromJwk.type() != KeyType.ED25519) {
                throw DidcommException.unsupported("jws: jwk is not an Ed25519 key");
            }
        }
        if (fromKid != null && fromJwk != null && !fromKid.equals(fromJwk)) {
            throw DidcommException.crypto("jws: header kid and protected jwk name different keys");
        }
        Multikey key = fromKid != null ? fromKid : fromJwk;
        if (key == null) {
            throw DidcommException.invalid("jws: neither header.kid nor protected jwk names the signer");
        }
        return key;
    }
}
