package dev.switchboard.didcomm.v1;

import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.LibSodium;

/**
 * The content layer of an RFC 0019 envelope: libsodium's ChaCha20-Poly1305 IETF (12-byte iv; what {@code
 * xchacha20poly1305_ietf} means in practice) or XChaCha20-Poly1305 (24-byte iv), detached 16-byte tag, AAD =
 * the ASCII {@code protected} string.
 */
final class ContentCipher {
    private ContentCipher() {}

    record Sealed(byte[] iv, byte[] ciphertext, byte[] tag) {}

    static Sealed encrypt(byte[] plaintext, byte[] cek, byte[] aad) {
        byte[] iv = LibSodium.randomBytes(12);
        byte[] c = new byte[plaintext.length];
        byte[] tag = new byte[16];
        int rc = LibSodium.sodium()
                .crypto_aead_chacha20poly1305_ietf_encrypt_detached(
                        c, tag, null, plaintext, plaintext.length, aad, aad.length, null, iv, cek);
        if (rc != 0) {
            throw new IllegalStateException("crypto_aead_chacha20poly1305_ietf_encrypt_detached failed");
        }
        return new Sealed(iv, c, tag);
    }

    static byte[] decrypt(ParsedEnvelope env, byte[] cek) {
        byte[] aad = ParsedEnvelope.ascii(env.protectedB64());
        byte[] c = env.ciphertext();
        byte[] m = new byte[c.length];
        int rc = env.iv().length == 12
                ? LibSodium.sodium()
                        .crypto_aead_chacha20poly1305_ietf_decrypt_detached(
                                m, null, c, c.length, env.tag(), aad, aad.length, env.iv(), cek)
                : LibSodium.sodium()
                        .crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
                                m, null, c, c.length, env.tag(), aad, aad.length, env.iv(), cek);
        if (rc != 0) {
            throw DidcommException.crypto("ciphertext: authentication failed");
        }
        return m;
    }
}
