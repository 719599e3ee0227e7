package dev.switchboard.didcomm.did;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import io.github.novacrypto.base58.Base58;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A public key with its type: the value behind a multibase multicodec string ({@code z6Mk...}), a
 * {@code publicKeyBase58} or a public JWK.
 *
 * <p>Source: <a href="https://www.w3.org/TR/controller-document/#multikey">Multikey</a>,
 * <a href="https://w3c-ccg.github.io/did-method-key/#format">did:key format</a>: {@code "z" +
 * base58btc(varint(codec) || key)}. EC keys are SEC1 compressed points, validated on the curve.
 *
 * @param type the key type
 * @param publicKey raw 32 bytes (Ed25519, X25519) or the compressed point (P-256/384/521)
 */
public record Multikey(KeyType type, byte[] publicKey) {

    public Multikey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != type.length()) {
            throw DidcommException.invalid(
                    "publicKey: %d bytes (expected: %d for %s)".formatted(publicKey.length, type.length(), type));
        }
        publicKey = publicKey.clone();
        if (!type.isOkp()) {
            ecPoint(type, publicKey); // validates the point
        }
    }

    /** An Ed25519 key from its base58 verkey (DIDComm v1 form). */
    public static Multikey ed25519(String base58Verkey) {
        return new Multikey(KeyType.ED25519, Base58Codec.decode(base58Verkey, "verkey"));
    }

    /**
     * Decodes a multibase multicodec key ({@code z6Mk...}, {@code z6LS...}, {@code zDn...}).
     *
     * @throws DidcommException {@code e.p.msg.invalid} when not base58btc, of unknown codec or of wrong length
     */
    public static Multikey decode(String multibase) {
        if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'z') {
            throw DidcommException.invalid("multikey: not a base58btc multibase value (expected: z...)");
        }
        byte[] bytes = Base58Codec.decode(multibase.substring(1), "multikey");
        KeyType type = KeyType.byPrefix(bytes)
                .orElseThrow(() -> DidcommException.unsupported("multikey: unsupported multicodec key type"));
        int p = type.prefix().length;
        return new Multikey(type, Arrays.copyOfRange(bytes, p, bytes.length));
    }

    /**
     * The public key of a JWK (OKP Ed25519/X25519, EC P-256/384/521).
     *
     * @throws DidcommException {@code e.p.msg.unsupported} for other key types or curves
     */
    public static Multikey fromJwk(JWK jwk) {
        try {
            if (jwk instanceof OctetKeyPair okp) {
                KeyType type = KeyType.byCurve(okp.getCurve())
                        .filter(KeyType::isOkp)
                        .orElseThrow(
                                () -> DidcommException.unsupported("jwk: unsupported OKP curve " + okp.getCurve()));
                return new Multikey(type, okp.getDecodedX());
            }
            if (jwk instanceof ECKey ec) {
                KeyType type = KeyType.byCurve(ec.getCurve())
                        .filter(t -> !t.isOkp())
                        .orElseThrow(() -> DidcommException.unsupported("jwk: unsupported EC curve " + ec.getCurve()));
                X9ECParameters params = params(type);
                ECPoint point = params.getCurve()
                        .createPoint(
                                new BigInteger(1, ec.getX().decode()),
                                new BigInteger(1, ec.getY().decode()));
                if (!point.isValid()) {
                    throw DidcommException.invalid("jwk: point not on curve " + ec.getCurve());
                }
                return new Multikey(type, point.getEncoded(true));
            }
        } catch (DidcommException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DidcommException.invalid("jwk: malformed key", e);
        }
        throw DidcommException.unsupported("jwk: unsupported key type " + (jwk == null ? null : jwk.getKeyType()));
    }

    /** The multibase multicodec string, {@code z} + base58btc(varint(codec) || key). */
    public String encode() {
        byte[] prefix = type.prefix();
        byte[] all = Arrays.copyOf(prefix, prefix.length + publicKey.length);
        System.arraycopy(publicKey, 0, all, prefix.length, publicKey.length);
        return "z" + Base58.base58Encode(all);
    }

    /** The key as base58 without multicodec prefix ({@code publicKeyBase58}, DIDComm v1 verkey form). */
    public String base58() {
        return Base58.base58Encode(publicKey);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The key as a public JWK ({@code OKP} with {@code x}, or {@code EC} with {@code x}/{@code y}). */
    public JWK toJwk() {
        if (type.isOkp()) {
            return new OctetKeyPair.Builder(type.curve(), Base64URL.encode(publicKey)).build();
        }
        ECPoint point = ecPoint(type, publicKey).normalize();
        int size = (params(type).getCurve().getFieldSize() + 7) / 8;
        return new ECKey.Builder(
                        type.curve(),
                        Base64URL.encode(fixed(point.getAffineXCoord().toBigInteger(), size)),
                        Base64URL.encode(fixed(point.getAffineYCoord().toBigInteger(), size)))
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multikey m && m.type == type && Arrays.equals(m.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "Multikey[" + encode() + "]";
    }

    private static ECPoint ecPoint(KeyType type, byte[] compressed) {
        try {
            ECPoint p = params(type).getCurve().decodePoint(compressed);
            if (!p.isValid() || p.isInfinity()) {
                throw DidcommException.invalid("multikey: point not on curve " + type.curve());
            }
            return p;
        } catch (DidcommException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DidcommException.invalid("multikey: invalid compressed point for " + type.curve(), e);
        }
    }

    private static X9ECParameters params(KeyType type) {
        Curve c = type.curve();
        String name = c.equals(Curve.P_256) ? "P-256" : c.equals(Curve.P_384) ? "P-384" : "P-521";
        return ECNamedCurveTable.getByName(name);
    }

    private static byte[] fixed(BigInteger v, int size) {
        byte[] b = v.toByteArray();
        if (b.length == size) {
            return b;
        }
        byte[] out = new byte[size];
        int copy = Math.min(b.length, size);
        System.arraycopy(b, b.length - copy, out, size - copy, copy);
        return out;
    }
}
