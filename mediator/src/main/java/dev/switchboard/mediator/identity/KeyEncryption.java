package dev.switchboard.mediator.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest with the configured key-encryption key: AES-256-GCM (NIST SP 800-38D) from
 * the JDK, a fresh 96-bit nonce per value, 128-bit tag, the record name as associated data (a value copied to
 * another name does not decrypt).
 *
 * <p>Stored form: standard base64 of {@code nonce(12) || ciphertext || tag(16)}.
 */
public final class KeyEncryption {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec kek;

    /**
     * @param kekBase64 32 bytes, standard base64
     * @throws IllegalArgumentException when not base64 of exactly 32 bytes
     */
    public KeyEncryption(String kekBase64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(kekBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("keyEncryptionKey: not base64 (expected: 32 bytes, base64)", e);
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "keyEncryptionKey: %s bytes (expected: 32 bytes, base64)".formatted(key.length));
        }
        this.kek = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
    }

    /** Encrypts {@code plaintext} bound to {@code name}. */
    public String seal(String name, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Decrypts a value sealed under {@code name}.
     *
     * @throws IllegalStateException when the value is malformed or the key-encryption key is not the one it
     *     was sealed with
     */
    public byte[] open(String name, String sealed) {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + ": stored value is not base64", e);
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException(name + ": stored value too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(in, 0, NONCE_BYTES)));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    name + ": cannot decrypt the stored keys: is the key-encryption key the one every instance uses?",
                    e);
        }
    }
}
