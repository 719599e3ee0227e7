package dev.switchboard.didcomm.v2;

import dev.switchboard.didcomm.DidResolver;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.SecretResolver;
import java.util.Objects;

/**
 * DIDComm v2 (DIF DIDComm Messaging 2.1) pack and unpack: plaintext, signed (JWS: EdDSA, ES256, ES256K),
 * encrypted (JWE: anoncrypt ECDH-ES+A256KW, authcrypt ECDH-1PU+A256KW; X25519, P-256, P-384, P-521), nested
 * forms, and routing/2.0 forward wrapping. Thread-safe; stateless apart from the resolvers.
 *
 * <p>Source: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/">DIDComm Messaging 2.1</a>
 * (Message Types, Routing); the JOSE details are on {@code Jwe} and {@code Jws}.
 *
 * <p>Errors: every failure caused by input is a {@link DidcommException} carrying its problem code
 * ({@code e.p.msg.invalid}, {@code e.p.msg.unsupported}, {@code e.p.msg.unknown-recipient}, {@code
 * e.p.did.unresolvable}, {@code e.p.trust.crypto}, {@code e.p.msg.too-big}); programming errors (arguments
 * contradicting the message) are {@link IllegalArgumentException}.
 */
public final class DidcommV2 {
    private final Packer packer;
    private final Unpacker unpacker;

    /**
     * @param dids resolves the DIDs of senders, recipients and routing keys
     * @param secrets this side's private keys, by DID URL
     */
    public DidcommV2(DidResolver dids, SecretResolver secrets) {
        Keys keys = new Keys(Objects.requireNonNull(dids, "dids"), Objects.requireNonNull(secrets, "secrets"));
        this.packer = new Packer(keys);
        this.unpacker = new Unpacker(keys);
    }

    /** The message as {@code application/didcomm-plain+json}. */
    public String packPlaintext(Message message) {
        return message.toJson();
    }

    /**
     * Signs the message ({@code application/didcomm-signed+json}, JWS General JSON).
     *
     * @param signBy the sender's DID (first held authentication key) or an authentication DID URL; its DID
     *     must be the message's {@code from}
     */
    public String packSigned(Message message, String signBy) {
        return packer.packSigned(message, Objects.requireNonNull(signBy, "signBy"));
    }

    /**
     * Encrypts the message for {@code to} ({@code application/didcomm-encrypted+json}, JWE General JSON):
     * authcrypt when {@code options.from()} is set, else anoncrypt; optionally signed first, sender-protected,
     * and wrapped in forwards for the recipient's routing keys.
     *
     * @param to the recipient's DID (all its key-agreement keys on the chosen curve) or one key-agreement DID
     *     URL; must be in the message's {@code to} when that is set
     */
    public PackedMessage packEncrypted(Message message, String to, PackOptions options) {
        return packer.packEncrypted(
                message, Objects.requireNonNull(to, "to"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Unpacks UTF-8 bytes as received from a transport (WebSocket binary/text frame, HTTP body).
     *
     * @throws DidcommException {@code e.p.msg.too-big} above {@code options.maxMessageChars()} bytes, or any
     *     error of {@link #unpack(String, UnpackOptions)}
     */
    public Unpacked unpack(byte[] packed, UnpackOptions options) {
        Objects.requireNonNull(packed, "packed");
        if (packed.length > options.maxMessageChars()) {
            throw new DidcommException(
                    dev.switchboard.didcomm.ProblemCode.MSG_TOO_BIG,
                    "message of " + packed.length + " bytes exceeds " + options.maxMessageChars());
        }
        return unpack(new String(packed, java.nio.charset.StandardCharsets.UTF_8), options);
    }

    /** {@link #unpack(String, UnpackOptions)} with {@link UnpackOptions#DEFAULT}. */
    public Unpacked unpack(String packed) {
        return unpack(packed, UnpackOptions.DEFAULT);
    }

    /**
     * Unpacks any v2 form: plaintext, signed, encrypted, signed-then-encrypted, anoncrypt(authcrypt(...)).
     * Metadata describes the outermost encryption layer ({@code recipientKid}, {@code allRecipientKids}) and,
     * when present, the authcrypt layer ({@code senderKid}, {@code keyAlg}, {@code encAlg}).
     *
     * @throws DidcommException for any bad input, with its problem code
     */
    public Unpacked unpack(String packed, UnpackOptions options) {
        return unpacker.unpack(Objects.requireNonNull(packed, "packed"), Objects.requireNonNull(options, "options"));
    }
}
