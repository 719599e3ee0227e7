package dev.switchboard.didcomm.v2;

import com.nimbusds.jose.jwk.Curve;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidDocument.VerificationMethod;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The packing half of {@link DidcommV2}: sign, encrypt, protect the sender, wrap in forwards. */
final class Packer {
    private final Keys keys;

    Packer(Keys keys) {
        this.keys = keys;
    }

    String packSigned(Message message, String signBy) {
        Secret signer = signingSecret(message, signBy);
        return Json.write(Jws.sign(bytes(message), signer));
    }

    PackedMessage packEncrypted(Message message, String to, PackOptions options) {
        String toDid = Keys.did(to);
        if (!message.to().isEmpty() && message.to().stream().map(Keys::did).noneMatch(toDid::equals)) {
            throw new IllegalArgumentException(
                    "to: " + to + " (expected: one of the message's 'to' " + message.to() + ")");
        }
        byte[] payload = bytes(message);
        String signByKid = null;
        if (options.signBy() != null) {
            Secret signer = signingSecret(message, options.signBy());
            signByKid = signer.kid();
            payload = Json.write(Jws.sign(payload, signer)).getBytes(StandardCharsets.UTF_8);
        }
        List<VerificationMethod> recipientKeys = keys.keyAgreement(to);
        Secret sender = null;
        Curve curve;
        if (options.from() != null) {
            if (message.from() == null || !Keys.did(options.from()).equals(Keys.did(message.from()))) {
                throw new IllegalArgumentException(
                        "from: " + options.from() + " (expected: the message's 'from' " + message.from() + ")");
            }
            sender = senderSecret(options.from(), recipientKeys);
            curve = Ecdh.curve(sender.privateJwk());
        } else {
            curve = Ecdh.curve(recipientKeys.get(0).publicJwk());
        }
        List<Jwe.Recipient> recipients = recipients(recipientKeys, curve);
        String packed;
        if (sender != null) {
            packed = Json.write(Jwe.encrypt(
                    payload, recipients, ContentEncryption.A256CBC_HS512.method(), sender, options.ecdh1puDraft3()));
            if (options.protectSender()) {
                packed = anoncrypt(packed, recipients, options.anonEncryption());
            }
        } else {
            packed = Json.write(
                    Jwe.encrypt(payload, recipients, options.anonEncryption().method(), null));
        }
        DidDocument.Service service = keys.document(toDid).services().stream()
                .filter(s -> "DIDCommMessaging".equals(s.type()))
                .findFirst()
                .orElse(null);
        List<String> via = new ArrayList<>();
        if (options.forward() && service != null && !service.routingKeys().isEmpty()) {
            List<String> routingKeys = service.routingKeys();
            String next = toDid;
            for (int i = routingKeys.size() - 1; i >= 0; i--) {
                String routingKey = routingKeys.get(i);
                Message forward = Forward.wrap(next, packed, List.of(Keys.did(routingKey)), message.expiresTime());
                List<VerificationMethod> hopKeys = keys.keyAgreement(routingKey);
                Curve hopCurve = Ecdh.curve(hopKeys.get(0).publicJwk());
                packed = anoncrypt(forward.toJson(), recipients(hopKeys, hopCurve), options.anonEncryption());
                next = routingKey;
                via.add(0, routingKey);
            }
        }
        return new PackedMessage(
                packed,
                recipients.stream().map(Jwe.Recipient::kid).toList(),
                sender == null ? null : sender.kid(),
                signByKid,
                service,
                via);
    }

    private static String anoncrypt(String json, List<Jwe.Recipient> recipients, ContentEncryption enc) {
        return Json.write(Jwe.encrypt(json.getBytes(StandardCharsets.UTF_8), recipients, enc.method(), null));
    }

    private static List<Jwe.Recipient> recipients(List<VerificationMethod> keys, Curve curve) {
        List<Jwe.Recipient> out = keys.stream()
                .filter(k -> isAgreementKey(k, curve))
                .map(k -> new Jwe.Recipient(k.id(), k.publicJwk()))
                .toList();
        if (out.isEmpty()) {
            throw DidcommException.unsupported("recipient has no key-agreement key on curve " + curve);
        }
        return out;
    }

    private static boolean isAgreementKey(VerificationMethod k, Curve curve) {
        try {
            return curve.equals(Ecdh.curve(k.publicJwk()));
        } catch (DidcommException e) {
            return false; // a key type DIDComm cannot use for key agreement: skipped
        }
    }

    /** The first of the sender's key-agreement keys held here whose curve some recipient key shares. */
    private Secret senderSecret(String from, List<VerificationMethod> recipientKeys) {
        for (VerificationMethod k : keys.keyAgreement(from)) {
            @Nullable Secret s = keys.secrets().findKey(k.id()).orElse(null);
            if (s != null && recipientKeys.stream().anyMatch(r -> isAgreementKey(r, Ecdh.curve(s.privateJwk())))) {
                return s;
            }
        }
        throw DidcommException.unresolvable(
                "no held key-agreement key of " + from + " shares a curve with the recipient");
    }

    private Secret signingSecret(Message message, String signBy) {
        if (message.from() == null || !Keys.did(signBy).equals(Keys.did(message.from()))) {
            throw new IllegalArgumentException(
                    "signBy: " + signBy + " (expected: a key of the message's 'from' " + message.from() + ")");
        }
        for (VerificationMethod k : keys.authentication(signBy)) {
            var s = keys.secrets().findKey(k.id());
            if (s.isPresent()) {
                return s.get();
            }
        }
        throw DidcommException.unresolvable("no held authentication key for " + signBy);
    }

    private static byte[] bytes(Message message) {
        return message.toJson().getBytes(StandardCharsets.UTF_8);
    }
}
