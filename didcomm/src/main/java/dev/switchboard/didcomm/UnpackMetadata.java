package dev.switchboard.didcomm;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What unpacking found out about a message, so routing and authorisation read it instead of re-deriving it
 * (modelled on didcomm-jvm's {@code Metadata}).
 *
 * @param version the DIDComm generation of the outermost envelope
 * @param encrypted true when the outermost layer was a JWE / RFC 0019 envelope
 * @param authenticated true when the sender is authenticated: v1 Authcrypt, v2 ECDH-1PU, or a verified JWS
 * @param anonymousSender true when the message was encrypted without sender authentication (v1 Anoncrypt,
 *     v2 ECDH-ES) and carried no verified signature
 * @param nonRepudiation true when a JWS signature was verified
 * @param senderKid the authenticated sender's key: a base58 Ed25519 verkey for v1 Authcrypt, a DID URL
 *     ({@code skid}) for v2 authcrypt; null when anonymous
 * @param recipientKid the recipient key that decrypted the message: a base58 verkey (v1) or DID URL (v2);
 *     null for plaintext or signed-only messages
 * @param signedBy the DID URL of the verified signer, or null
 * @param encAlg the content-encryption algorithm ({@code xchacha20poly1305_ietf}, {@code A256CBC-HS512},
 *     {@code A256GCM}, {@code XC20P}), or null when not encrypted
 * @param keyAlg the key-management algorithm ({@code Authcrypt}, {@code Anoncrypt}, {@code ECDH-ES+A256KW},
 *     {@code ECDH-1PU+A256KW}), or null when not encrypted
 * @param allRecipientKids every recipient key id listed in the envelope, in envelope order
 * @param reWrappedInForward true when the message was found inside a forward addressed to us
 */
public record UnpackMetadata(
        DidcommVersion version,
        boolean encrypted,
        boolean authenticated,
        boolean anonymousSender,
        boolean nonRepudiation,
        @Nullable String senderKid,
        @Nullable String recipientKid,
        @Nullable String signedBy,
        @Nullable String encAlg,
        @Nullable String keyAlg,
        List<String> allRecipientKids,
        boolean reWrappedInForward) {

    public UnpackMetadata {
        Objects.requireNonNull(version, "version");
        allRecipientKids = List.copyOf(allRecipientKids);
    }
}
