package dev.switchboard.didcomm.did;

import com.nimbusds.jose.jwk.Curve;
import java.util.Arrays;
import java.util.Optional;

/**
 * Public key types this library encodes as multikeys (did:key, did:peer), with their multicodec codes.
 *
 * <p>Source: <a href="https://github.com/multiformats/multicodec/blob/master/table.csv">multicodec table</a>
 * ({@code ed25519-pub} 0xed, {@code x25519-pub} 0xec, {@code p256-pub} 0x1200, {@code p384-pub} 0x1201,
 * {@code p521-pub} 0x1202) and <a href="https://w3c-ccg.github.io/did-method-key/">did:key</a>. EC keys are
 * carried as SEC1 compressed points, OKP keys as their 32 raw bytes.
 */
public enum KeyType {
    /** Ed25519 signing key ({@code z6Mk...}); 32 bytes. */
    ED25519(0xed, Curve.Ed25519, 32),
    /** X25519 key-agreement key ({@code z6LS...}); 32 bytes. */
    X25519(0xec, Curve.X25519, 32),
    /** NIST P-256 ({@code zDn...}); 33-byte compressed point. */
    P256(0x1200, Curve.P_256, 33),
    /** NIST P-384 ({@code z82...}); 49-byte compressed point. */
    P384(0x1201, Curve.P_384, 49),
    /** NIST P-521 ({@code z2J9...}); 67-byte compressed point. */
    P521(0x1202, Curve.P_521, 67);

    private final int codec;
    private final Curve curve;
    private final int length;
    private final byte[] prefix;

    KeyType(int codec, Curve curve, int length) {
        this.codec = codec;
        this.curve = curve;
        this.length = length;
        this.prefix = varint(codec);
    }

    /** The multicodec code, e.g. 0xed. */
    public int codec() {
        return codec;
    }

    /** The JOSE curve ({@code crv}) of this key type. */
    public Curve curve() {
        return curve;
    }

    /** Length in bytes of the encoded public key (raw for OKP, compressed for EC). */
    public int length() {
        return length;
    }

    /** True for the OKP curves Ed25519 and X25519. */
    public boolean isOkp() {
        return this == ED25519 || this == X25519;
    }

    byte[] prefix() {
        return prefix.clone();
    }

    /** The key type whose varint multicodec prefix starts {@code bytes}, if any. */
    static Optional<KeyType> byPrefix(byte[] bytes) {
        for (KeyType t : values()) {
            if (bytes.length >= t.prefix.length
                    && Arrays.equals(bytes, 0, t.prefix.length, t.prefix, 0, t.prefix.length)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The key type of a JOSE curve, if supported. */
    public static Optional<KeyType> byCurve(Curve curve) {
        for (KeyType t : values()) {
            if (t.curve.equals(curve)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static byte[] varint(int value) { // unsigned LEB128, as multicodec prescribes
        byte[] buf = new byte[5];
        int n = 0;
        int v = value;
        while ((v & ~0x7f) != 0) {
            buf[n++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[n++] = (byte) v;
        return Arrays.copyOf(buf, n);
    }
}
