package dev.switchboard.didcomm.did;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.LibSodium;
import dev.switchboard.didcomm.Secret;
import java.util.Arrays;

/**
 * Ed25519 keys as DIDComm v1 uses them (libsodium via lazysodium; nothing hand-rolled): key pairs from a
 * 32-byte seed, detached signatures, and the birational map to X25519 used for key agreement.
 *
 * <p>Source: <a href="https://doc.libsodium.org/advanced/ed25519-curve25519">libsodium, Ed25519 to
 * Curve25519</a> (public u = (1+y)/(1-y) mod p; secret = clamp(SHA-512(seed)[0..32])),
 * <a href="https://www.rfc-editor.org/rfc/rfc8032">RFC 8032</a>. All methods are thread-safe.
 */
public final class Ed25519 {
    /** Seed, public key and X25519 key length in bytes. */
    public static final int KEY_BYTES = 32;
    /** Signature length in bytes. */
    public static final int SIGNATURE_BYTES = 64;

    private Ed25519() {}

    /**
     * A key pair from a 32-byte seed.
     *
     * @throws DidcommException {@code e.p.msg.invalid} when the seed is not 32 bytes
     */
    public static KeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != KEY_BYTES) {
            throw DidcommException.invalid(
                    "seed: %s bytes (expected: 32)".formatted(seed == null ? null : seed.length));
        }
        byte[] pk = new byte[KEY_BYTES];
        byte[] sk = new byte[64];
        LibSodium.sodium().crypto_sign_seed_keypair(pk, sk, seed);
        return new KeyPair(seed.clone(), pk);
    }

    /** A fresh random key pair. */
    public static KeyPair generate() {
        return fromSeed(LibSodium.randomBytes(KEY_BYTES));
    }

    /**
     * The Ed25519 key pair of a {@link Secret} holding an {@code OKP}/{@code Ed25519} private JWK ({@code d} =
     * seed).
     *
     * @throws DidcommException {@code e.p.msg.unsupported} when the secret is not an Ed25519 key
     */
    public static KeyPair fromSecret(Secret secret) {
        if (!(secret.privateJwk() instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve())) {
            throw DidcommException.unsupported("secret " + secret.kid() + ": not an Ed25519 OKP key");
        }
        return fromSeed(okp.getDecodedD());
    }

    /**
     * Converts an Ed25519 public key to its X25519 form ({@code crypto_sign_ed25519_pk_to_curve25519}).
     *
     * @throws DidcommException {@code e.p.trust.crypto} when the bytes are not a valid Ed25519 point
     */
    public static byte[] toX25519PublicKey(byte[] ed25519PublicKey) {
        if (ed25519PublicKey == null || ed25519PublicKey.length != KEY_BYTES) {
            throw DidcommException.invalid("ed25519 public key: wrong length (expected: 32 bytes)");
        }
        byte[] out = new byte[KEY_BYTES];
        if (LibSodium.sodium().crypto_sign_ed25519_pk_to_curve25519(out, ed25519PublicKey) != 0) {
            throw DidcommException.crypto("ed25519 public key: not a valid curve point");
        }
        return out;
    }

    /** Detached Ed25519 signature of {@code message} ({@code crypto_sign_detached}), 64 bytes. */
    public static byte[] sign(KeyPair keyPair, byte[] message) {
        byte[] sig = new byte[SIGNATURE_BYTES];
        byte[] sk = keyPair.libsodiumSecretKey();
        try {
            LibSodium.sodium().crypto_sign_detached(sig, null, message, message.length, sk);
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
        return sig;
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null
                || publicKey.length != KEY_BYTES
                || signature == null
                || signature.length != SIGNATURE_BYTES
                || message == null) {
            return false;
        }
        return LibSodium.sodium().crypto_sign_verify_detached(signature, message, message.length, publicKey) == 0;
    }

    /**
     * An Ed25519 key pair held as its seed.
     *
     * @param seed the 32-byte private seed (RFC 8032 private key)
     * @param publicKey the 32-byte public key
     */
    public record KeyPair(byte[] seed, byte[] publicKey) {
        public KeyPair {
            seed = seed.clone();
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] seed() {
            return seed.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** The public key in DIDComm v1 verkey form (base58). */
        public String verkey() {
            return new Multikey(KeyType.ED25519, publicKey).base58();
        }

        /** The public key as a {@link Multikey}. */
        public Multikey multikey() {
            return new Multikey(KeyType.ED25519, publicKey);
        }

        /** The X25519 public key ({@code crypto_sign_ed25519_pk_to_curve25519}). */
        public byte[] x25519PublicKey() {
            return toX25519PublicKey(publicKey);
        }

        /** The X25519 secret key ({@code crypto_sign_ed25519_sk_to_curve25519}: clamped SHA-512(seed)[0..32]). */
        public byte[] x25519SecretKey() {
            byte[] sk = libsodiumSecretKey();
            byte[] out = new byte[KEY_BYTES];
            try {
                LibSodium.sodium().crypto_sign_ed25519_sk_to_curve25519(out, sk);
            } finally {
                Arrays.fill(sk, (byte) 0);
            }
            return out;
        }

        /** The private key as an {@code OKP}/{@code Ed25519} JWK ({@code d} = seed, {@code x} = public key). */
        public OctetKeyPair toPrivateJwk() {
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicKey))
                    .d(Base64URL.encode(seed))
                    .build();
        }

        /** A {@link Secret} for this key under its DIDComm v1 kid (the base58 verkey). */
        public Secret toSecret() {
            return new Secret(verkey(), toPrivateJwk());
        }

        /** A {@link Secret} for this key under the given kid (e.g. a DID URL). */
        public Secret toSecret(String kid) {
            return new Secret(kid, toPrivateJwk());
        }

        /** The public JWK. */
        public JWK toPublicJwk() {
            return toPrivateJwk().toPublicJWK();
        }

        byte[] libsodiumSecretKey() { // seed || public key, libsodium's 64-byte layout
            byte[] sk = Arrays.copyOf(seed, 64);
            System.arraycopy(publicKey, 0, sk, KEY_BYTES, KEY_BYTES);
            return sk;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyPair k && Arrays.equals(k.seed, seed) && Arrays.equals(k.publicKey, publicKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(publicKey);
        }

        @Override
        public String toString() {
            return "Ed25519.KeyPair[" + verkey() + "]"; // never print the seed
        }
    }
}
