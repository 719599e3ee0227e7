package dev.switchboard.didcomm.v2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDH;
import com.nimbusds.jose.crypto.utils.ECChecks;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.LibSodium;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key agreement for the JWE key-management algorithms: ephemeral keys and the raw shared secret Z: X25519
 * by libsodium (lazysodium, native), NIST curves by Nimbus's {@link
 * ECDH} (JDK {@code KeyAgreement}).
 *
 * <p>NIST public keys are checked to lie on their curve (RFC 7518 section 4.6 / the DIDComm "validate NIST
 * points" rule); X25519 low-order points are refused by Tink. Failures are {@code e.p.trust.crypto}.
 */
final class Ecdh {
    /** Curves DIDComm v2 allows for key agreement (P-521 optional; supported here). */
    static final Set<Curve> CURVES = Set.of(Curve.X25519, Curve.P_256, Curve.P_384, Curve.P_521);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Cap of {@link #STATIC_Z}; the cache is simply emptied when full. */
    static final int STATIC_Z_CACHE_SIZE = 10_000;

    /**
     * Static-static shared secrets (authcrypt's Zs) by (our public key, peer public key): a repeat sender costs
     * one X25519 instead of two. Keys are public values; entries are 32-66 byte secrets kept in memory.
     */
    private static final ConcurrentHashMap<String, byte[]> STATIC_Z = new ConcurrentHashMap<>();

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
                byte[] d = new byte[32];
                RANDOM.nextBytes(d);
                byte[] x = new byte[32];
                if (LibSodium.sodium().crypto_scalarmult_base(x, d) != 0) {
                    throw new IllegalStateException("crypto_scalarmult_base failed");
                }
                return new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(x))
                        .d(Base64URL.encode(d))
                        .build();
            }
            return new ECKeyGenerator(crv).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate " + crv + " key", e);
        }
    }

    /**
     * X25519 (RFC 7748) by libsodium's {@code crypto_scalarmult}, which refuses low-order points (all-zero
     * output), as RFC 7748 section 6.1 and RFC 8037 section 3.2 ask.
     */
    private static SecretKey x25519(byte[] scalar, byte[] point) {
        if (scalar.length != 32 || point.length != 32) {
            throw DidcommException.crypto("X25519 keys must be 32 bytes");
        }
        byte[] z = new byte[32];
        if (LibSodium.sodium().crypto_scalarmult(z, scalar, point) != 0) {
            throw DidcommException.crypto("X25519 public key is a low-order point");
        }
        return new SecretKeySpec(z, "AES");
    }

    /**
     * Z = ECDH(privateKey, publicKey) between two long-term keys (ECDH-1PU's Zs), cached per key pair.
     *
     * @throws DidcommException as {@link #z}
     */
    static SecretKey zStatic(JWK privateKey, JWK publicKey) {
        String id = publicPart(privateKey) + "|" + publicPart(publicKey);
        byte[] cached = STATIC_Z.get(id);
        if (cached != null) {
            return new SecretKeySpec(cached, "AES");
        }
        SecretKey z = z(privateKey, publicKey);
        if (STATIC_Z.size() >= STATIC_Z_CACHE_SIZE) {
            STATIC_Z.clear();
        }
        STATIC_Z.put(id, z.getEncoded());
        return z;
    }

    private static String publicPart(JWK key) {
        return switch (key) {
            case OctetKeyPair okp -> okp.getCurve() + ":" + okp.getX();
            case ECKey ec -> ec.getCurve() + ":" + ec.getX() + ":" + ec.getY();
            default -> key.getKeyType() + ":" + key.toPublicJWK().toJSONString();
        };
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
                return x25519(priv.getDecodedD(), pub.getDecodedX());
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
