package dev.switchboard.mediator.envelope;

import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.UnpackMetadata;
import java.util.Objects;

/**
 * DIDComm v1 envelopes (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0019-encryption-envelope">RFC
 * 0019</a>) as the mediator needs them, over the didcomm module: unpack with the mediator's keys, authcrypt
 * replies.
 */
public interface V1Envelopes {

    /**
     * Decrypts a packed message addressed to one of the mediator's keys.
     *
     * @param packed the JWM/1.0 envelope JSON bytes
     * @throws DidcommException with the problem code of the failure (malformed, unknown recipient, crypto)
     */
    Unpacked unpack(byte[] packed);

    /**
     * Authcrypts a plaintext from one of the mediator's keys to one recipient.
     *
     * @param plaintext the message JSON (UTF-8)
     * @param senderVerkey the mediator key sending (base58)
     * @param recipientVerkey the recipient (base58)
     * @return the envelope JSON bytes
     */
    byte[] authcrypt(byte[] plaintext, String senderVerkey, String recipientVerkey);

    /**
     * A decrypted message.
     *
     * @param plaintext the message JSON bytes
     * @param metadata sender, recipient and algorithms
     */
    record Unpacked(byte[] plaintext, UnpackMetadata metadata) {
        public Unpacked {
            Objects.requireNonNull(plaintext, "plaintext");
            Objects.requireNonNull(metadata, "metadata");
        }
    }
}
