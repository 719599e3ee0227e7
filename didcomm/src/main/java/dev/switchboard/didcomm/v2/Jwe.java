package dev.switchboard.didcomm.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWECryptoParts;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.impl.AESKW;
import com.nimbusds.jose.crypto.impl.ConcatKDF;
import com.nimbusds.jose.crypto.impl.ContentCryptoProvider;
import com.nimbusds.jose.crypto.impl.ECDH;
import com.nimbusds.jose.crypto.impl.ECDH1PU;
import com.nimbusds.jose.jca.JWEJCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;

/**
 * DIDComm v2 encrypted messages: JWE General JSON with ONE ephemeral key ({@code epk}) in the protected
 * header shared by all recipients, assembled here from Nimbus JOSE+JWT's primitives (ECDH, Concat KDF, AES
 * key wrap, content encryption); Nimbus's own multi-recipient JWE puts an {@code epk} per recipient.
 *
 * <ul>
 *   <li>anoncrypt: {@code ECDH-ES+A256KW} with {@code A256CBC-HS512}, {@code A256GCM} or {@code XC20P};
 *   <li>authcrypt: {@code ECDH-1PU+A256KW} with {@code A256CBC-HS512} (and, on input only, {@code A256GCM},
 *       which Veramo 7 emits); Z = Ze || Zs, content encrypted first, the tag in the KDF's SuppPubInfo
 *       (draft 04). Veramo 7 / did-jwt implement draft 03 (no tag in the KDF): unpack accepts it as a
 *       fallback when asked ({@link UnpackOptions#acceptEcdh1puDraft3()}) and pack can emit it ({@link
 *       PackOptions#ecdh1puDraft3()}). Draft 03 does not bind the wrapped key to the ciphertext, so one
 *       recipient of a multi-recipient draft-03 message could re-encrypt it to the others as the sender;
 *   <li>{@code apv} = B64U(SHA-256(sorted recipient kids joined by ".")), {@code apu} = B64U(skid);
 *       AAD = ASCII(protected).
 * </ul>
 *
 * <p>Unpack checks {@code apv} against the recipients' {@code kid}s and {@code apu} against {@code skid}, as
 * didcomm-rust does, before any key agreement: the KDF already binds both into each KEK, but the recipient
 * entries ({@code kid}, {@code encrypted_key}) are outside the protected header (RFC 7516 section 7.2.1), so
 * without the check a recipient list with another recipient's {@code kid} altered still unpacks. One
 * exception, when {@link UnpackOptions#acceptWithoutApv()}: Veramo 7.0.1 ({@code @veramo/did-comm}
 * {@code packDIDCommMessageJWE}, which passes neither {@code apu} nor {@code apv} to its encrypters, see
 * <a href="https://github.com/decentralized-identity/veramo/blob/next/packages/did-comm/src/didcomm.ts">didcomm.ts</a>
 * and <a href="https://github.com/decentralized-identity/veramo/blob/next/packages/did-comm/src/encryption/createEncrypter.ts">createEncrypter.ts</a>)
 * sends a protected header with neither; that exact form is accepted (anoncrypt: no {@code apv}; authcrypt:
 * no {@code apv}, no {@code apu}, and a KEK that only the draft-03 derivation unwraps), with the recipient
 * {@code kid}s then unbound to each other. Any other absence or mismatch is an error.
 *
 * <p>Sources: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#didcomm-encrypted-messages">DIDComm
 * Messaging 2.1, Encrypted Messages</a>; RFC 7516 section 7.2.1; RFC 7518 section 4.6;
 * <a href="https://datatracker.ietf.org/doc/html/draft-madden-jose-ecdh-1pu-04">draft-madden-jose-ecdh-1pu-04</a>.
 */
final class Jwe {
    /** {@code typ} of an encrypted message. */
    static final String MEDIA_TYPE_ENCRYPTED = "application/didcomm-encrypted+json";

    static final Set<EncryptionMethod> ANON_ENC =
            Set.of(EncryptionMethod.A256CBC_HS512, EncryptionMethod.A256GCM, EncryptionMethod.XC20P);
    static final Set<EncryptionMethod> AUTH_ENC_ACCEPTED =
            Set.of(EncryptionMethod.A256CBC_HS512, EncryptionMethod.A256GCM);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JWEJCAContext JCA = new JWEJCAContext();
    private static final String WHAT = "encrypted message";

    /** A recipient key: DID URL and public JWK. */
    record Recipient(String kid, JWK publicKey) {}

    /** What decryption found. */
    record Decrypted(
            byte[] plaintext,
            String recipientKid,
            @Nullable String senderKid,
            JWEAlgorithm alg,
            EncryptionMethod enc,
            List<String> allRecipientKids) {}

    private Jwe() {}

    static boolean looksEncrypted(ObjectNode node) {
        return node.has("ciphertext") && node.has("protected");
    }

    /**
     * Encrypts for all {@code recipients} (one curve), anonymously when {@code sender} is null.
     *
     * @param sender the sender's key-agreement secret for authcrypt (ECDH-1PU), or null for anoncrypt
     */
    static ObjectNode encrypt(
            byte[] plaintext, List<Recipient> recipients, EncryptionMethod enc, @Nullable Secret sender) {
        return encrypt(plaintext, recipients, enc, sender, false);
    }

    /**
     * As {@link #encrypt(byte[], List, EncryptionMethod, Secret)}; {@code ecdh1puDraft3} derives authcrypt KEKs
     * without the tag (ECDH-1PU draft 03), the only form Veramo 7 / did-jwt can decrypt.
     */
    static ObjectNode encrypt(
            byte[] plaintext,
            List<Recipient> recipients,
            EncryptionMethod enc,
            @Nullable Secret sender,
            boolean ecdh1puDraft3) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("recipients: empty (expected: at least one)");
        }
        boolean auth = sender != null;
        if (auth ? !EncryptionMethod.A256CBC_HS512.equals(enc) : !ANON_ENC.contains(enc)) {
            throw DidcommException.unsupported(
                    (auth ? "authcrypt" : "anoncrypt") + " does not allow enc " + enc.getName());
        }
        Curve crv = Ecdh.curve(recipients.get(0).publicKey());
        for (Recipient r : recipients) {
            if (!crv.equals(Ecdh.curve(r.publicKey()))) {
                throw new IllegalArgumentException("recipients: mixed curves (expected: all " + crv + ")");
            }
        }
        if (auth && !crv.equals(Ecdh.curve(sender.privateJwk()))) {
            throw new IllegalArgumentException("sender: curve " + Ecdh.curve(sender.privateJwk()) + " (expected: " + crv
                    + " like the recipients)");
        }
        JWK epk = Ecdh.ephemeral(crv);
        JWEAlgorithm alg = auth ? JWEAlgorithm.ECDH_1PU_A256KW : JWEAlgorithm.ECDH_ES_A256KW;

        ObjectNode protectedJson = Json.object();
        protectedJson.put("typ", MEDIA_TYPE_ENCRYPTED);
        protectedJson.put("alg", alg.getName());
        protectedJson.put("enc", enc.getName());
        if (auth) {
            protectedJson.put("skid", sender.kid());
            protectedJson.put("apu", Base64URL.encode(sender.kid()).toString());
        }
        protectedJson.put(
                "apv", apv(recipients.stream().map(Recipient::kid).toList()).toString());
        protectedJson.set("epk", Json.MAPPER.valueToTree(epk.toPublicJWK().toJSONObject()));
        String protectedB64 = Base64URL.encode(Json.write(protectedJson)).toString();
        JWEHeader header = parseHeader(protectedB64);
        byte[] aad = protectedB64.getBytes(StandardCharsets.US_ASCII);

        ObjectNode out = Json.object();
        out.put("protected", protectedB64);
        try {
            SecretKey cek = ContentCryptoProvider.generateCEK(enc, RANDOM);
            JWECryptoParts parts = ContentCryptoProvider.encrypt(header, plaintext, aad, cek, null, JCA);
            ArrayNode rs = out.putArray("recipients");
            ConcatKDF kdf = new ConcatKDF("SHA-256");
            for (Recipient r : recipients) {
                SecretKey ze = Ecdh.z(epk, r.publicKey());
                SecretKey kek;
                if (auth) {
                    SecretKey z = ECDH1PU.deriveZ(ze, Ecdh.zStatic(sender.privateJwk(), r.publicKey()));
                    kek = ecdh1puDraft3
                            ? ECDH1PU.deriveSharedKey(header, z, kdf)
                            : ECDH1PU.deriveSharedKey(header, z, parts.getAuthenticationTag(), kdf);
                } else {
                    kek = ECDH.deriveSharedKey(header, ze, kdf);
                }
                ObjectNode rj = rs.addObject();
                rj.put(
                        "encrypted_key",
                        Base64URL.encode(AESKW.wrapCEK(cek, kek, null)).toString());
                rj.putObject("header").put("kid", r.kid());
            }
            out.put("iv", parts.getInitializationVector().toString());
            out.put("ciphertext", parts.getCipherText().toString());
            out.put("tag", parts.getAuthenticationTag().toString());
        } catch (JOSEException e) {
            throw DidcommException.crypto("encryption failed", e);
        }
        return out;
    }

    /**
     * Decrypts with the first recipient key this side holds.
     *
     * @throws DidcommException {@code e.p.msg.invalid} (shape; {@code apv} or authcrypt {@code apu} missing
     *     outside the Veramo 7 form), {@code e.p.msg.unsupported} (alg/enc/curve), {@code e.p.msg.unknown-recipient}
     *     (no key held), {@code e.p.did.unresolvable} (sender key unknown), {@code e.p.trust.crypto} (any
     *     cryptographic failure, and an {@code apv} that is not the hash of the recipients' kids or an {@code
     *     apu} that is not the {@code skid}: key-agreement inputs that do not match the envelope)
     * @param options {@link UnpackOptions#acceptEcdh1puDraft3()}: when the draft-04 authcrypt KEK (tag in the
     *     KDF) does not unwrap the CEK, try the draft-03 KEK (no tag), as Veramo 7 / did-jwt produce; {@link
     *     UnpackOptions#acceptWithoutApv()}: accept Veramo 7's header without {@code apv} / {@code apu}
     */
    static Decrypted decrypt(ObjectNode jwe, Keys keys, UnpackOptions options) {
        String protectedB64 = Json.text(jwe, "protected", WHAT);
        JWEHeader header = parseHeader(protectedB64);
        JWEAlgorithm alg = header.getAlgorithm();
        EncryptionMethod enc = header.getEncryptionMethod();
        boolean auth = JWEAlgorithm.ECDH_1PU_A256KW.equals(alg);
        if (!auth && !JWEAlgorithm.ECDH_ES_A256KW.equals(alg)) {
            throw DidcommException.unsupported("alg not supported: " + alg);
        }
        if (enc == null || !(auth ? AUTH_ENC_ACCEPTED : ANON_ENC).contains(enc)) {
            throw DidcommException.unsupported("enc not supported with " + alg + ": " + enc);
        }
        JWK epk = header.getEphemeralPublicKey();
        if (epk == null) {
            throw DidcommException.invalid(WHAT + ": no 'epk' in the protected header");
        }
        Curve crv = Ecdh.curve(epk);

        List<String> kids = new ArrayList<>();
        List<Base64URL> encryptedKeys = new ArrayList<>();
        readRecipients(jwe, kids, encryptedKeys);
        Base64URL iv = new Base64URL(Json.text(jwe, "iv", WHAT));
        Base64URL ciphertext = new Base64URL(Json.text(jwe, "ciphertext", WHAT));
        Base64URL tag = new Base64URL(Json.text(jwe, "tag", WHAT));
        boolean withoutApv = checkApv(header, kids, auth, options.acceptWithoutApv());

        Set<String> held = keys.secrets().findKeys(kids);
        int index = -1;
        for (int i = 0; i < kids.size(); i++) {
            if (held.contains(kids.get(i))) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            throw DidcommException.unknownRecipient("none of the " + kids.size() + " recipient keys is held here");
        }
        String kid = kids.get(index);
        JWK secret = keys.secret(kid).privateJwk();
        if (!crv.equals(Ecdh.curve(secret))) {
            throw DidcommException.crypto("epk curve " + crv + " does not match the recipient key");
        }

        String skid = null;
        SecretKey z = Ecdh.z(secret, epk);
        if (auth) {
            skid = senderKid(header, withoutApv);
            JWK senderKey = keys.method(skid).publicJwk();
            if (!crv.equals(Ecdh.curve(senderKey))) {
                throw DidcommException.crypto("sender key curve does not match epk curve " + crv);
            }
            z = ECDH1PU.deriveZ(z, Ecdh.zStatic(secret, senderKey));
        }
        byte[] aad = protectedB64.getBytes(StandardCharsets.US_ASCII);
        try {
            ConcatKDF kdf = new ConcatKDF("SHA-256");
            SecretKey kek = auth ? ECDH1PU.deriveSharedKey(header, z, tag, kdf) : ECDH.deriveSharedKey(header, z, kdf);
            Base64URL encryptedKey = encryptedKeys.get(index);
            SecretKey cek;
            boolean draft3 = false;
            try {
                cek = AESKW.unwrapCEK(kek, encryptedKey.decode(), null);
            } catch (JOSEException e) {
                if (!auth || !options.acceptEcdh1puDraft3()) {
                    throw e;
                }
                cek = AESKW.unwrapCEK(ECDH1PU.deriveSharedKey(header, z, kdf), encryptedKey.decode(), null);
                draft3 = true;
            }
            if (auth && withoutApv && !draft3) { // Veramo 7's form is draft 03 throughout
                throw DidcommException.invalid(WHAT + ": authcrypt without 'apv' and 'apu'");
            }
            byte[] plaintext = ContentCryptoProvider.decrypt(header, aad, encryptedKey, iv, ciphertext, tag, cek, JCA);
            return new Decrypted(plaintext, kid, skid, alg, enc, kids);
        } catch (DidcommException e) {
            throw e;
        } catch (JOSEException | RuntimeException e) {
            throw DidcommException.crypto("decryption failed", e);
        }
    }

    /** apv = B64U(SHA-256(sorted kids joined with ".")). */
    static Base64URL apv(List<String> kids) {
        List<String> sorted = kids.stream().sorted().toList();
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(String.join(".", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks {@code apv} = B64U(SHA-256(sorted kids joined by ".")), compared as decoded bytes as
     * didcomm-rust does, and, without it, that the Veramo 7 form is both allowed and what the header has.
     *
     * @return true when the header has no {@code apv} (the Veramo 7 form, accepted)
     */
    private static boolean checkApv(JWEHeader header, List<String> kids, boolean auth, boolean acceptWithoutApv) {
        Base64URL apv = header.getAgreementPartyVInfo();
        if (apv == null) {
            if (!acceptWithoutApv) {
                throw DidcommException.invalid(WHAT + ": no 'apv' in the protected header");
            }
            if (auth && header.getAgreementPartyUInfo() != null) {
                throw DidcommException.invalid(WHAT + ": authcrypt with 'apu' but without 'apv'");
            }
            return true;
        }
        if (!MessageDigest.isEqual(apv.decode(), apv(kids).decode())) {
            throw DidcommException.crypto("'apv' does not match the recipients' kids");
        }
        return false;
    }

    private static String senderKid(JWEHeader header, boolean withoutApv) {
        String skid = header.getSenderKeyID();
        Base64URL apu = header.getAgreementPartyUInfo();
        if (skid == null && apu != null) {
            skid = apu.decodeToString(); // tolerated: apu carries the skid when skid is absent
        }
        if (skid == null || !Keys.isDidUrl(skid)) {
            throw DidcommException.invalid(WHAT + ": authcrypt without a 'skid' DID URL");
        }
        if (apu == null && !withoutApv) {
            throw DidcommException.invalid(WHAT + ": authcrypt without 'apu'");
        }
        if (apu != null && !skid.equals(apu.decodeToString())) {
            throw DidcommException.crypto("'apu' does not match 'skid'");
        }
        return skid;
    }

    private static void readRecipients(ObjectNode jwe, List<String> kids, List<Base64URL> encryptedKeys) {
        JsonNode rs = jwe.get("recipients");
        if (rs == null && jwe.has("encrypted_key")) {
            rs = Json.MAPPER.createArrayNode().add(jwe); // flattened serialization
        }
        if (rs == null || !rs.isArray() || rs.isEmpty()) {
            throw DidcommException.invalid(WHAT + ": 'recipients' missing or empty");
        }
        for (JsonNode r : rs) {
            if (!r.isObject()) {
                throw DidcommException.invalid(WHAT + ": recipient is not an object");
            }
            ObjectNode h = Json.obj((ObjectNode) r, "header", "recipient");
            kids.add(Json.text(h, "kid", "recipient header"));
            encryptedKeys.add(new Base64URL(Json.text((ObjectNode) r, "encrypted_key", "recipient")));
        }
    }

    private static JWEHeader parseHeader(String protectedB64) {
        try {
            return JWEHeader.parse(new Base64URL(protectedB64));
        } catch (java.text.ParseException | RuntimeException e) {
            throw DidcommException.invalid(WHAT + ": bad protected header", e);
        }
    }
}
