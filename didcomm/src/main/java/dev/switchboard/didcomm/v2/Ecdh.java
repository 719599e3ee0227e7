package dev.switchboard.didcomm.v2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDH;
import com.nimbusds.jose.crypto.utils.ECChecks;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.switchboard.didcomm.DidcommException;
import java.security.interfaces.ECPublicKey;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Key agreement for the JWE key-management algorithms: ephemeral keys and the raw shared secret Z, via
 * Nimbus ({@link ECDH}: JDK {@code KeyAgreement} for NIST curves, Tink X25519 for OKP).
 *
 * <p>NIST public keys are checked to lie on their curve (RFC 7518 section 4.6 / the DIDComm "validate NIST
 * points" rule); X25519 low-order points are refused by Tink. Failures are {@code e.p.trust.crypto}.
 */
final class Ecdh {
    /** Curves DIDComm v2 allows for key agreement (P-521 optional; supported here). */
    static final Set<Curve> CURVES = Set.of(Curve.X25519, Curve.P_256, Curve.P_384, Curve.P_521);

    private Ecdh() {}

    static Curve curve(JWK key) {
        Curve crv = switch (key) {
            case ECKey ec -> ec.getCurve();
            case OctetKeyPair okp -> okp.getCurve();
            default -> null;
        };
        if (crv == null || !CURVES.contains(crv)) {
            throw DidcommException.unsupported("key agreement key type/curve not supported: " + key.getKeyType() + " "
                    + (crv == null ? "?" : crv.getName()));
        }
        return crv;
    }

    /** A fresh ephemeral private key on the curve of {@code like}. */
    static JWK ephemeral(Curve crv) {
        try {
            if (Curve.X25519.equals(crv)) {
                return new OctetKeyPairGenerator(Curve.X25519).generate();
            }
            return new ECKeyGenerator(crv).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate " + crv + " key", e);
        }
    }

    /**
     * Z = ECDH(privateKey, publicKey).
     *
     * @throws DidcommException {@code e.p.trust.crypto} on mismatched curves, off-curve or low-order points
     */
    static SecretKey z(JWK privateKey, JWK publicKey) {
        Curve crv = curve(privateKey);
        if (!crv.equals(curve(publicKey))) {
            throw DidcommException.crypto("key agreement curves differ: " + crv + " / " + curve(publicKey));
        }
        try {
            if (privateKey instanceof OctetKeyPair priv && publicKey instanceof OctetKeyPair pub) {
                return ECDH.deriveSharedSecret(pub.toPublicJWK(), priv);
            }
            ECKey priv = (ECKey) privateKey;
            ECPublicKey pub = ((ECKey) publicKey).toECPublicKey();
            if (!ECChecks.isPointOnCurve(pub, crv.toECParameterSpec())) {
                throw DidcommException.crypto("public key not on " + crv);
            }
            return ECDH.deriveSharedSecret(pub, priv.toPrivateKey(), null);
        } catch (JOSEException | RuntimeException e) {
            if (e instanceof DidcommException de) {
                throw de;
            }
            throw DidcommException.crypto("key agreement failed", e);
        }
    }
}
