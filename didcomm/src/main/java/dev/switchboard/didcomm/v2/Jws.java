package dev.switchboard.didcomm.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.Secret;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * DIDComm v2 signed messages: JWS in General JSON serialization (flattened accepted on input) with EdDSA
 * (Ed25519), ES256 (P-256), ES256K (secp256k1); signatures by Nimbus JOSE+JWT (Tink for Ed25519,
 * BouncyCastle for secp256k1, which the JDK no longer has).
 *
 * <p>Source: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#didcomm-signed-messages">DIDComm
 * Messaging 2.1, Signed Messages</a>; RFC 7515 section 7.2; RFC 8037 (EdDSA); RFC 8812 (ES256K).
 */
final class Jws {
    /** {@code typ} of a signed message. */
    static final String MEDIA_TYPE_SIGNED = "application/didcomm-signed+json";

    /** A verified signature: the payload bytes and the DID URL of the key that signed. */
    record Verified(byte[] payload, String signerKid, String alg) {}

    private Jws() {}

    static boolean looksSigned(ObjectNode node) {
        return node.has("payload") && (node.has("signatures") || node.has("signature"));
    }

    /** Signs {@code payload} with {@code signer} (its kid goes into the unprotected {@code header}). */
    static ObjectNode sign(byte[] payload, Secret signer) {
        JWK key = signer.privateJwk();
        JWSAlgorithm alg = algorithm(key);
        ObjectNode protectedJson = Json.object();
        protectedJson.put("typ", MEDIA_TYPE_SIGNED);
        protectedJson.put("alg", alg.getName());
        String protectedB64 = Base64URL.encode(Json.write(protectedJson)).toString();
        String payloadB64 = Base64URL.encode(payload).toString();
        byte[] signingInput = (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII);
        Base64URL signature;
        try {
            signature = signer(key, alg).sign(new JWSHeader(alg), signingInput);
            if (JWSAlgorithm.ES256K.equals(alg)) {
                signature = lowS(signature);
            }
        } catch (JOSEException e) {
            throw DidcommException.crypto("signing failed", e);
        }
        ObjectNode out = Json.object();
        out.put("payload", payloadB64);
        ObjectNode sig = out.putArray("signatures").addObject();
        sig.put("protected", protectedB64);
        sig.put("signature", signature.toString());
        sig.putObject("header").put("kid", signer.kid());
        return out;
    }

    /**
     * Verifies the first signature against the key its {@code kid} names in the signer's DID document.
     *
     * @throws DidcommException {@code e.p.msg.invalid} for a malformed JWS, {@code e.p.did.unresolvable} when
     *     the key is unknown, {@code e.p.trust.crypto} when the signature does not verify
     */
    static Verified verify(ObjectNode jws, Keys keys) {
        String what = "signed message";
        String payloadB64 = Json.text(jws, "payload", what);
        ObjectNode sig;
        if (jws.has("signatures")) {
            JsonNode sigs = jws.get("signatures");
            if (!sigs.isArray() || sigs.isEmpty() || !sigs.get(0).isObject()) {
                throw DidcommException.invalid(what + ": 'signatures' is not a non-empty array of objects");
            }
            sig = (ObjectNode) sigs.get(0);
        } else {
            sig = jws;
        }
        String protectedB64 = Json.text(sig, "protected", what);
        String signatureB64 = Json.text(sig, "signature", what);
        JWSHeader header;
        try {
            header = JWSHeader.parse(new Base64URL(protectedB64));
        } catch (java.text.ParseException | RuntimeException e) {
            throw DidcommException.invalid(what + ": bad protected header", e);
        }
        String kid = header.getKeyID();
        JsonNode unprotected = sig.get("header");
        if (unprotected != null && unprotected.isObject() && unprotected.get("kid") != null) {
            kid = Json.text((ObjectNode) unprotected, "kid", what);
        }
        if (kid == null) {
            throw DidcommException.invalid(what + ": no 'kid'");
        }
        JWK publicKey = keys.method(kid).publicJwk();
        boolean valid;
        try {
            JWSVerifier verifier = verifier(publicKey, header.getAlgorithm());
            valid = verifier.verify(
                    header,
                    (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII),
                    new Base64URL(signatureB64));
        } catch (JOSEException | RuntimeException e) {
            if (e instanceof DidcommException de) {
                throw de;
            }
            throw DidcommException.crypto("signature verification failed", e);
        }
        if (!valid) {
            throw DidcommException.crypto("signature does not verify");
        }
        byte[] payload = new Base64URL(payloadB64).decode();
        return new Verified(payload, kid, header.getAlgorithm().getName());
    }

    /**
     * secp256k1 signatures with S in the lower half of the group order (BIP 62 / libsecp256k1 convention):
     * {@code (r, s)} and {@code (r, n - s)} are both valid ECDSA, but didcomm-rust (RustCrypto k256) accepts
     * only the low-S form.
     */
    static Base64URL lowS(Base64URL rs) {
        byte[] sig = rs.decode();
        if (sig.length != 64) {
            return rs;
        }
        BigInteger n = Curve.SECP256K1.toECParameterSpec().getOrder();
        BigInteger sValue = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        if (sValue.compareTo(n.shiftRight(1)) <= 0) {
            return rs;
        }
        byte[] low = n.subtract(sValue).toByteArray();
        byte[] out = java.util.Arrays.copyOf(sig, 64);
        java.util.Arrays.fill(out, 32, 64, (byte) 0);
        int len = Math.min(low.length, 32);
        System.arraycopy(low, low.length - len, out, 64 - len, len);
        return Base64URL.encode(out);
    }

    static JWSAlgorithm algorithm(JWK key) {
        if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return JWSAlgorithm.EdDSA;
        }
        if (key instanceof ECKey ec) {
            if (Curve.P_256.equals(ec.getCurve())) {
                return JWSAlgorithm.ES256;
            }
            if (Curve.SECP256K1.equals(ec.getCurve())) {
                return JWSAlgorithm.ES256K;
            }
        }
        throw DidcommException.unsupported("signing key type not supported: " + key.getKeyType());
    }

    private static JWSSigner signer(JWK key, JWSAlgorithm alg) throws JOSEException {
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Signer(okp);
        }
        ECKey ec = (ECKey) key;
        if (JWSAlgorithm.ES256K.equals(alg)) {
            var bc = BouncyCastleProviderSingleton.getInstance();
            ECDSASigner s = new ECDSASigner(ec.toECPrivateKey(bc), Curve.SECP256K1);
            s.getJCAContext().setProvider(bc);
            return s;
        }
        return new ECDSASigner(ec);
    }

    private static JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws JOSEException {
        if (!algorithm(key).equals(alg)) {
            throw DidcommException.crypto("alg " + alg + " does not match the signer's key type");
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Verifier(okp.toPublicJWK());
        }
        ECKey ec = (ECKey) key;
        if (JWSAlgorithm.ES256K.equals(alg)) {
            var bc = BouncyCastleProviderSingleton.getInstance();
            ECDSAVerifier v = new ECDSAVerifier(ec.toECPublicKey(bc));
            v.getJCAContext().setProvider(bc);
            return v;
        }
        return new ECDSAVerifier(ec.toPublicJWK());
    }
}
