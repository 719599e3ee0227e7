package dev.switchboard.didcomm.v2;

import com.nimbusds.jose.EncryptionMethod;

/**
 * Content-encryption algorithms ({@code enc}) DIDComm v2 uses.
 *
 * <p>Source: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#curves-and-content-encryption-algorithms">DIDComm
 * Messaging 2.1, Curves and Content Encryption Algorithms</a>: anoncrypt may use all three, authcrypt uses
 * {@link #A256CBC_HS512} only.
 */
public enum ContentEncryption {
    /** AES-256-CBC with HMAC-SHA-512 (RFC 7518 section 5.2.5); required. */
    A256CBC_HS512(EncryptionMethod.A256CBC_HS512),
    /** AES-256-GCM (RFC 7518 section 5.3). */
    A256GCM(EncryptionMethod.A256GCM),
    /** XChaCha20-Poly1305 (draft-amringer-jose-chacha). */
    XC20P(EncryptionMethod.XC20P);

    private final EncryptionMethod method;

    ContentEncryption(EncryptionMethod method) {
        this.method = method;
    }

    /** The registered JWA name, e.g. {@code A256CBC-HS512}. */
    public String jwaName() {
        return method.getName();
    }

    EncryptionMethod method() {
        return method;
    }
}
