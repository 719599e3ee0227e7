package dev.switchboard.mediator.envelope;

import dev.switchboard.didcomm.v1.EncryptionEnvelope;
import dev.switchboard.didcomm.v1.UnpackedMessage;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.identity.MediatorIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@link V1Envelopes} over the didcomm module's RFC 0019 {@link EncryptionEnvelope}, with the mediator's keys. */
@ApplicationScoped
public class DidcommV1Envelopes implements V1Envelopes {
    private final EncryptionEnvelope envelope;

    /** Constructor injection. */
    public DidcommV1Envelopes(MediatorIdentity identity, MediatorConfig config) {
        this.envelope = new EncryptionEnvelope(identity, config.maxMessageBytes());
    }

    @Override
    public Unpacked unpack(byte[] packed) {
        UnpackedMessage unpacked = envelope.unpack(packed);
        return new Unpacked(unpacked.plaintext(), unpacked.metadata());
    }

    @Override
    public byte[] authcrypt(byte[] plaintext, String senderVerkey, String recipientVerkey) {
        return envelope.packAuthcrypt(plaintext, List.of(recipientVerkey), senderVerkey)
                .getBytes(StandardCharsets.UTF_8);
    }
}
