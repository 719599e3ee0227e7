package dev.switchboard.mediator.envelope;

import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.did.CompositeDidResolver;
import dev.switchboard.didcomm.v2.DidcommV2;
import dev.switchboard.didcomm.v2.Message;
import dev.switchboard.didcomm.v2.PackOptions;
import dev.switchboard.didcomm.v2.UnpackOptions;
import dev.switchboard.didcomm.v2.Unpacked;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.store.RedisDidPeer4LongForms;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * DIDComm v2 envelopes (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/">DIDComm Messaging
 * 2.1</a>) with the mediator's DID: unpack plaintext, signed and encrypted messages addressed to it (a
 * forward stays a forward unless its attachment is for us too), authcrypt replies from it. DIDs resolve with
 * the built-in offline methods (did:key, did:peer:2, did:peer:4; did:peer:4 long forms are shared by all
 * instances through Redis, so a short form resolves on any instance once one of them saw the long form).
 */
@ApplicationScoped
public class DidcommV2Envelopes {
    private final DidcommV2 didcomm;
    private final MediatorDid identity;
    private final UnpackOptions options;
    private final RedisDidPeer4LongForms longForms;

    /** Constructor injection. */
    public DidcommV2Envelopes(MediatorDid identity, MediatorConfig config, RedisDidPeer4LongForms longForms) {
        this.identity = identity;
        this.longForms = longForms;
        CompositeDidResolver resolver = CompositeDidResolver.builtIn(longForms);
        resolver.peer4().remember(identity.didPeer4()); // its short form resolves too
        this.didcomm = new DidcommV2(resolver, identity);
        this.options = new UnpackOptions(config.maxMessageBytes(), true, config.acceptEcdh1puDraft03());
    }

    /**
     * Unpacks a packed v2 message (any form). Once it decrypted and authenticated, its sender's did:peer:4
     * long form (if any) is stored for all instances; before that, nothing is written.
     *
     * @throws DidcommException with the problem code of the failure
     */
    public Unpacked unpack(byte[] packed) {
        Unpacked unpacked = didcomm.unpack(packed, options);
        if (unpacked.metadata().authenticated()) {
            longForms.authenticated(unpacked.message().from());
        }
        return unpacked;
    }

    /**
     * Authcrypts (ECDH-1PU+A256KW, A256CBC-HS512) a reply from the mediator's key-agreement key to {@code to},
     * without forward wrapping (the reply goes straight back on the recipient's own connection or mailbox).
     *
     * @param message the reply; its {@code from} and {@code to} are set here
     * @param to the recipient's DID
     * @return the JWE JSON bytes
     * @throws DidcommException when the recipient's DID cannot be resolved or has no usable key-agreement key
     */
    public byte[] authcrypt(Message message, String to) {
        return authcrypt(message, to, identity.did());
    }

    /**
     * As {@link #authcrypt(Message, String)} from one of the mediator's DIDs (the one the inbound message was
     * addressed to: did:peer:2 or did:peer:4).
     */
    public byte[] authcrypt(Message message, String to, String fromDid) {
        Message addressed =
                message.toBuilder().from(fromDid).to(java.util.List.of(to)).build();
        return didcomm.packEncrypted(
                        addressed, to, PackOptions.authcrypt(fromDid + "#key-2").withForward(false))
                .packedMessage()
                .getBytes(StandardCharsets.UTF_8);
    }
}
