package dev.switchboard.didcomm.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.UnpackMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The unpacking half of {@link DidcommV2}: peel JWE and JWS layers (at most anoncrypt, authcrypt, signed,
 * plaintext), then check that the authenticated sender and signer are the plaintext's {@code from}.
 */
final class Unpacker {
    private static final int MAX_LAYERS = 4;

    private final Keys keys;

    Unpacker(Keys keys) {
        this.keys = keys;
    }

    Unpacked unpack(String packed, UnpackOptions options) {
        if (packed.length() > options.maxMessageChars()) {
            throw new DidcommException(
                    ProblemCode.MSG_TOO_BIG,
                    "message of " + packed.length() + " chars exceeds " + options.maxMessageChars());
        }
        try {
            return unpackChecked(packed, options);
        } catch (DidcommException e) {
            throw e;
        } catch (RuntimeException e) { // last resort: nothing but DidcommException leaves for bad input
            throw DidcommException.invalid("cannot unpack: " + e.getClass().getSimpleName(), e);
        }
    }

    private Unpacked unpackChecked(String packed, UnpackOptions options) {
        ObjectNode node = Json.parseObject(packed, "DIDComm v2 message");
        boolean encrypted = Jwe.looksEncrypted(node);
        String recipientKid = null;
        String senderKid = null;
        String signedBy = null;
        String encAlg = null;
        String keyAlg = null;
        List<String> allKids = List.of();
        int encryptionLayers = 0;
        for (int layer = 0; layer < MAX_LAYERS; layer++) {
            if (Jwe.looksEncrypted(node)) {
                if (signedBy != null) {
                    throw DidcommException.invalid("encrypted layer inside a signed message");
                }
                Jwe.Decrypted d = Jwe.decrypt(node, keys, options);
                if (encryptionLayers++ == 0) {
                    recipientKid = d.recipientKid();
                    allKids = new ArrayList<>(d.allRecipientKids());
                    encAlg = d.enc().getName();
                    keyAlg = d.alg().getName();
                }
                if (d.senderKid() != null) {
                    if (senderKid != null) {
                        throw DidcommException.invalid("two authcrypt layers");
                    }
                    senderKid = d.senderKid();
                    encAlg = d.enc().getName(); // the authcrypt layer describes the sender best
                    keyAlg = d.alg().getName();
                } else if (encryptionLayers > 1) {
                    throw DidcommException.invalid("anoncrypt layer inside another encrypted layer");
                }
                node = Json.parseObject(d.plaintext(), "decrypted payload");
            } else if (Jws.looksSigned(node)) {
                if (signedBy != null) {
                    throw DidcommException.invalid("two signed layers");
                }
                Jws.Verified v = Jws.verify(node, keys);
                signedBy = v.signerKid();
                node = Json.parseObject(v.payload(), "signed payload");
            } else {
                Message message = PlaintextCodec.fromJson(node);
                checkSender(message, senderKid, "authcrypt sender (skid)");
                checkSender(message, signedBy, "signer");
                if (recipientKid != null
                        && !message.to().isEmpty()
                        && message.to().stream().map(Keys::did).noneMatch(Keys.did(recipientKid)::equals)) {
                    throw DidcommException.crypto("recipient key is not one of the message's 'to'");
                }
                var metadata = new UnpackMetadata(
                        DidcommVersion.V2,
                        encrypted,
                        senderKid != null || signedBy != null,
                        encrypted && senderKid == null && signedBy == null,
                        signedBy != null,
                        senderKid,
                        recipientKid,
                        signedBy,
                        encAlg,
                        keyAlg,
                        allKids,
                        false);
                if (options.unwrapReWrappingForward()) {
                    Optional<Unpacked> inner = reWrapped(message, options);
                    if (inner.isPresent()) {
                        return inner.get();
                    }
                }
                return new Unpacked(message, metadata);
            }
        }
        throw DidcommException.invalid("more than " + MAX_LAYERS + " nested layers");
    }

    /** A forward whose attachment is encrypted to a key held here: unpack that instead. */
    private Optional<Unpacked> reWrapped(Message message, UnpackOptions options) {
        Optional<Forward.ForwardRequest> fwd = Forward.parse(message);
        if (fwd.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode attached = Json.parseObject(fwd.get().forwardedMessage(), "forwarded message");
        if (!Jwe.looksEncrypted(attached) || !attached.path("recipients").isArray()) {
            return Optional.empty();
        }
        List<String> kids = new ArrayList<>();
        attached.get("recipients").forEach(r -> {
            if (r.path("header").path("kid").isTextual()) {
                kids.add(r.path("header").path("kid").textValue());
            }
        });
        if (keys.secrets().findKeys(kids).isEmpty()) {
            return Optional.empty();
        }
        Unpacked inner = unpack(fwd.get().forwardedMessage(), options);
        UnpackMetadata m = inner.metadata();
        return Optional.of(new Unpacked(
                inner.message(),
                new UnpackMetadata(
                        m.version(),
                        m.encrypted(),
                        m.authenticated(),
                        m.anonymousSender(),
                        m.nonRepudiation(),
                        m.senderKid(),
                        m.recipientKid(),
                        m.signedBy(),
                        m.encAlg(),
                        m.keyAlg(),
                        m.allRecipientKids(),
                        true)));
    }

    private static void checkSender(Message message, @Nullable String kid, String role) {
        if (kid == null) {
            return;
        }
        if (message.from() == null || !Keys.did(kid).equals(Keys.did(message.from()))) {
            throw DidcommException.crypto(role + " is not the message's 'from'");
        }
    }
}
