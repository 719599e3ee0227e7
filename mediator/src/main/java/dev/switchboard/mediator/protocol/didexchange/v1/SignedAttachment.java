package dev.switchboard.mediator.protocol.didexchange.v1;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import dev.switchboard.mediator.identity.MediatorKey;
import java.util.Base64;
import java.util.UUID;

/**
 * A DID exchange signed attachment (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0023-did-exchange">RFC
 * 0023</a> with <a href="https://github.com/hyperledger/aries-rfcs/tree/main/concepts/0017-attachments">RFC
 * 0017</a> signing): {@code {"@id","mime-type","data":{"base64","jws":{"header":{"kid":"did:key:..."},
 * "protected","signature"}}}}, a detached EdDSA JWS (RFC 8037) over the base64url of the payload, made with
 * Nimbus, whose protected header carries {@code alg EdDSA} and the signer's public {@code jwk}.
 */
public final class SignedAttachment {
    private SignedAttachment() {}

    /**
     * @param payload the attached bytes (a DID document JSON or a DID string)
     * @param mimeType the attachment's mime type, or null
     * @param key the signer (the invitation key)
     */
    public static ObjectNode of(byte[] payload, @org.jspecify.annotations.Nullable String mimeType, MediatorKey key) {
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                        .jwk(key.jwk().toPublicJWK())
                        .build(),
                new Payload(payload));
        try {
            jws.sign(new Ed25519Signer(key.jwk()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
        ObjectNode attachment = JsonNodeFactory.instance.objectNode();
        attachment.put("@id", UUID.randomUUID().toString());
        if (mimeType != null) {
            attachment.put("mime-type", mimeType);
        }
        ObjectNode data = attachment.putObject("data");
        data.put("base64", Base64.getEncoder().encodeToString(payload)); // standard, as Credo sends
        ObjectNode jwsNode = data.putObject("jws");
        jwsNode.putObject("header").put("kid", key.didKey());
        jwsNode.put("protected", jws.getHeader().toBase64URL().toString());
        jwsNode.put("signature", jws.getSignature().toString());
        return attachment;
    }
}
