package dev.switchboard.didcomm;

import com.nimbusds.jose.jwk.JWK;
import java.util.Objects;

/**
 * A private key this side holds, under the key id envelopes use for it.
 *
 * <p>Key types: Ed25519 ({@code OKP}/{@code Ed25519}, {@code d} = the 32-byte seed; DIDComm v1 keys and v2
 * signing keys), X25519 ({@code OKP}/{@code X25519}), and {@code EC} P-256, P-384, P-521, secp256k1.
 *
 * @param kid the key id: a base58 Ed25519 verkey (DIDComm v1) or a DID URL (DIDComm v2)
 * @param privateJwk the key as a private JWK (RFC 7517/8037); must contain the private part
 */
public record Secret(String kid, JWK privateJwk) {
    public Secret {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(privateJwk, "privateJwk");
        if (!privateJwk.isPrivate()) {
            throw new IllegalArgumentException("privateJwk: public only (expected: a private key for " + kid + ")");
        }
    }

    @Override
    public String toString() {
        return "Secret[kid=" + kid + ", kty=" + privateJwk.getKeyType() + "]"; // never print key material
    }
}
