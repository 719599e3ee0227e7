package dev.switchboard.mediator.identity;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.switchboard.didcomm.Secret;
import java.util.Objects;

/**
 * One of the mediator's Ed25519 keys.
 *
 * @param jwk the private key as an OKP JWK (RFC 8037), {@code crv Ed25519}
 */
public record MediatorKey(OctetKeyPair jwk) {
    public MediatorKey {
        Objects.requireNonNull(jwk, "jwk");
        if (!jwk.isPrivate()) {
            throw new IllegalArgumentException("jwk: public only (expected: private Ed25519 key)");
        }
    }

    /** The base58 verkey (RFC 0019 {@code kid}). */
    public String verkey() {
        return Ed25519Keys.verkey(jwk.getDecodedX());
    }

    /** {@code did:key:z6Mk...}. */
    public String didKey() {
        return Ed25519Keys.didKey(verkey());
    }

    /** As a didcomm {@link Secret} under its verkey. */
    public Secret secret() {
        return new Secret(verkey(), jwk);
    }

    @Override
    public String toString() {
        return "MediatorKey[" + verkey() + "]";
    }
}
