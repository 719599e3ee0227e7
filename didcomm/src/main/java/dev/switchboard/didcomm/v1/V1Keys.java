package dev.switchboard.didcomm.v1;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.did.Ed25519;

/** Turns a {@link Secret} into the Ed25519 key pair a v1 envelope needs, without recomputing the public key. */
final class V1Keys {
    private V1Keys() {}

    static Ed25519.KeyPair keyPair(Secret secret) {
        if (!(secret.privateJwk() instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve())) {
            throw DidcommException.unsupported(
                    "secret " + secret.kid() + ": not an Ed25519 OKP key (v1 needs Ed25519)");
        }
        byte[] d = okp.getDecodedD();
        byte[] x = okp.getDecodedX();
        if (d == null || d.length != Ed25519.KEY_BYTES || x == null || x.length != Ed25519.KEY_BYTES) {
            throw DidcommException.unsupported("secret " + secret.kid() + ": Ed25519 key of wrong length");
        }
        return new Ed25519.KeyPair(d, x);
    }
}
