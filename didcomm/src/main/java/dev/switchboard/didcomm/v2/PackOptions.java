package dev.switchboard.didcomm.v2;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link DidcommV2#packEncrypted} protects a message.
 *
 * @param from the sender's DID or key-agreement DID URL for authcrypt (ECDH-1PU+A256KW, A256CBC-HS512);
 *     null for anoncrypt (ECDH-ES+A256KW)
 * @param signBy the signer's DID or authentication DID URL to sign the plaintext first (non-repudiation),
 *     or null
 * @param anonEncryption content encryption for anoncrypt layers (the message itself when {@code from} is
 *     null, the sender-protection layer, and forward wrappers)
 * @param protectSender wrap an authcrypted message in anoncrypt so mediators cannot see {@code skid}
 * @param forward wrap the result in routing/2.0 {@code forward} messages for the recipient service's {@code
 *     routingKeys}
 * @param ecdh1puDraft3 derive authcrypt KEKs without the tag (ECDH-1PU draft 03) so Veramo 7 / did-jwt can
 *     decrypt; spec-conformant peers (didcomm-rust, ours) expect draft 04, the default
 */
public record PackOptions(
        @Nullable String from,
        @Nullable String signBy,
        ContentEncryption anonEncryption,
        boolean protectSender,
        boolean forward,
        boolean ecdh1puDraft3) {

    public PackOptions {
        Objects.requireNonNull(anonEncryption, "anonEncryption");
        if (protectSender && from == null) {
            throw new IllegalArgumentException("protectSender: true (expected: only with a 'from' for authcrypt)");
        }
    }

    /** Anoncrypt with XC20P, forward-wrapped (didcomm-node's defaults). */
    public static PackOptions anoncrypt() {
        return new PackOptions(null, null, ContentEncryption.XC20P, false, true, false);
    }

    /** Authcrypt from {@code from} (DID or DID URL), forward-wrapped with XC20P anoncrypt layers. */
    public static PackOptions authcrypt(String from) {
        return new PackOptions(Objects.requireNonNull(from, "from"), null, ContentEncryption.XC20P, false, true, false);
    }

    public PackOptions withAnonEncryption(ContentEncryption enc) {
        return new PackOptions(from, signBy, enc, protectSender, forward, ecdh1puDraft3);
    }

    public PackOptions withSignBy(@Nullable String signBy) {
        return new PackOptions(from, signBy, anonEncryption, protectSender, forward, ecdh1puDraft3);
    }

    public PackOptions withProtectSender(boolean protectSender) {
        return new PackOptions(from, signBy, anonEncryption, protectSender, forward, ecdh1puDraft3);
    }

    public PackOptions withForward(boolean forward) {
        return new PackOptions(from, signBy, anonEncryption, protectSender, forward, ecdh1puDraft3);
    }

    /** Authcrypt KEKs per ECDH-1PU draft 03 (for Veramo 7 / did-jwt recipients) or draft 04 (default). */
    public PackOptions withEcdh1puDraft3(boolean ecdh1puDraft3) {
        return new PackOptions(from, signBy, anonEncryption, protectSender, forward, ecdh1puDraft3);
    }
}
