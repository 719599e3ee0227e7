package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWECryptoParts;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.impl.AESKW;
import com.nimbusds.jose.crypto.impl.ConcatKDF;
import com.nimbusds.jose.crypto.impl.ContentCryptoProvider;
import com.nimbusds.jose.crypto.impl.ECDH;
import com.nimbusds.jose.crypto.impl.ECDH1PU;
import com.nimbusds.jose.jca.JWEJCAContext;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/**
 * {@code apv} and {@code apu} are checked against the recipients' {@code kid}s and the {@code skid} on unpack
 * (DIDComm Messaging 2.1, Encrypted Messages), so the unprotected recipient list is not malleable; Veramo 7's
 * header without either is accepted only in exactly its form and only when {@link
 * UnpackOptions#acceptWithoutApv()}.
 */
class ApvApuTest {
    static final UnpackOptions STRICT = new UnpackOptions(1 << 20, true, true, false);
    static final TestDids.Secrets ALL_SECRETS =
            new TestDids.Secrets().addAll(SpecVectors.ALICE_SECRETS).addAll(SpecVectors.BOB_SECRETS);
    static final String ALICE_X = "did:example:alice#key-x25519-1";
    static final List<String> BOB_X =
            List.of("did:example:bob#key-x25519-1", "did:example:bob#key-x25519-2", "did:example:bob#key-x25519-3");
    static final List<String> ENCRYPTED_VECTORS = List.of(
            SpecVectors.ANON_X25519_XC20P,
            SpecVectors.ANON_P384_A256CBC,
            SpecVectors.ANON_P521_A256GCM,
            SpecVectors.AUTH_X25519_A256CBC,
            SpecVectors.AUTH_P256_SIGNED,
            SpecVectors.ANON_P521_XC20P_OVER_AUTH,
            SpecVectors.RUST_ANON_P256_XC20P);

    final DidcommV2 bob = new DidcommV2(SpecVectorsTest.DIDS, SpecVectorsTest.BOB);

    @Test
    void specVectorsCarryTheApvOfTheirKidsAndTheApuOfTheirSkidAndUnpackStrictly() {
        for (String v : ENCRYPTED_VECTORS) {
            ObjectNode jwe = Json.parseObject(v, "vector");
            ObjectNode h = protectedHeader(jwe);
            assertThat(h.get("apv").asText()).isEqualTo(Jwe.apv(kids(jwe)).toString());
            if (h.has("skid")) {
                assertThat(Base64URL.from(h.get("apu").asText()).decodeToString())
                        .isEqualTo(h.get("skid").asText());
            }
            assertThat(bob.unpack(v, STRICT).message().id()).isEqualTo("1234567890");
        }
    }

    @Test
    void anotherRecipientsKidAlteredIsRejected() {
        for (String v : List.of(SpecVectors.ANON_X25519_XC20P, SpecVectors.AUTH_X25519_A256CBC)) {
            ObjectNode jwe = Json.parseObject(v, "vector");
            kidNode(jwe, 1).put("kid", "did:example:bob#key-x25519-9");
            expect(Json.write(jwe), ProblemCode.TRUST_CRYPTO, "'apv' does not match");
        }
    }

    /** Before the check, bob silently decrypted with his second key and reported it as recipientKid. */
    @Test
    void firstKidAlteredIsRejectedRatherThanDecryptedWithTheNextKey() {
        ObjectNode jwe = Json.parseObject(SpecVectors.ANON_X25519_XC20P, "vector");
        kidNode(jwe, 0).put("kid", "did:example:mallory#key-x25519-1");
        expect(Json.write(jwe), ProblemCode.TRUST_CRYPTO, "'apv' does not match");
    }

    @Test
    void recipientRemovedOrAddedIsRejected() {
        ObjectNode removed = Json.parseObject(SpecVectors.ANON_X25519_XC20P, "vector");
        ((ArrayNode) removed.get("recipients")).remove(2);
        expect(Json.write(removed), ProblemCode.TRUST_CRYPTO, "'apv' does not match");

        ObjectNode added = Json.parseObject(SpecVectors.ANON_X25519_XC20P, "vector");
        ObjectNode extra = added.get("recipients").get(2).deepCopy();
        ((ObjectNode) extra.get("header")).put("kid", "did:example:mallory#key-1");
        ((ArrayNode) added.get("recipients")).add(extra);
        expect(Json.write(added), ProblemCode.TRUST_CRYPTO, "'apv' does not match");
    }

    /** apv hashes the SORTED kids: the order of the recipient entries is the sender's choice. */
    @Test
    void recipientOrderIsFree() {
        ObjectNode jwe = Json.parseObject(SpecVectors.ANON_X25519_XC20P, "vector");
        ArrayNode reversed = Json.MAPPER.createArrayNode();
        for (int i = 2; i >= 0; i--) {
            reversed.add(jwe.get("recipients").get(i));
        }
        jwe.set("recipients", reversed);
        Unpacked u = bob.unpack(Json.write(jwe), STRICT);
        assertThat(u.message().id()).isEqualTo("1234567890");
        assertThat(u.metadata().allRecipientKids()).containsExactlyElementsOf(BOB_X.reversed());
        assertThat(u.metadata().recipientKid()).isEqualTo(BOB_X.get(2));
    }

    /** The forger itself: the spec's header form unpacks strictly, anon and auth, draft 04. */
    @Test
    void forgedSpecFormUnpacks() {
        Unpacked anon = bob.unpack(forge(null, false, h -> {}), STRICT);
        assertThat(anon.metadata().anonymousSender()).isTrue();
        assertThat(anon.metadata().allRecipientKids()).isEqualTo(BOB_X);
        Unpacked auth = bob.unpack(forge(ALICE_X, false, h -> {}), STRICT);
        assertThat(auth.metadata().senderKid()).isEqualTo(ALICE_X);
    }

    @Test
    void apvOfOtherKidsFromTheSenderIsRejected() {
        String wrong = Jwe.apv(BOB_X.subList(0, 2)).toString();
        expect(forge(null, false, h -> h.put("apv", wrong)), ProblemCode.TRUST_CRYPTO, "'apv' does not match");
        expect(forge(ALICE_X, false, h -> h.put("apv", wrong)), ProblemCode.TRUST_CRYPTO, "'apv' does not match");
    }

    @Test
    void apuThatIsNotTheSkidIsRejected() {
        String other = Base64URL.encode("did:example:alice#key-p256-1").toString();
        expect(forge(ALICE_X, false, h -> h.put("apu", other)), ProblemCode.TRUST_CRYPTO, "'apu' does not match");
    }

    @Test
    void authcryptWithApvButWithoutApuIsInvalid() {
        expect(forge(ALICE_X, false, h -> h.remove("apu")), ProblemCode.MSG_INVALID, "without 'apu'");
        expect(forge(ALICE_X, true, h -> h.remove("apu")), ProblemCode.MSG_INVALID, "without 'apu'");
    }

    /** Veramo 7.0.1's anoncrypt header: no apv (and no apu). */
    @Test
    void anoncryptWithoutApvOnlyWhenAccepted() {
        String veramoForm = forge(null, false, h -> h.remove("apv"));
        assertThat(bob.unpack(veramoForm, UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03)
                        .metadata()
                        .allRecipientKids())
                .isEqualTo(BOB_X);
        expect(veramoForm, STRICT, ProblemCode.MSG_INVALID, "no 'apv'");
    }

    /** Veramo 7.0.1's authcrypt header: skid, no apv, no apu, and a draft-03 KEK; nothing in between. */
    @Test
    void authcryptWithoutApvOnlyInVeramosExactForm() {
        Consumer<ObjectNode> neither = h -> {
            h.remove("apv");
            h.remove("apu");
        };
        String veramoForm = forge(ALICE_X, true, neither);
        assertThat(bob.unpack(veramoForm, UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03)
                        .metadata()
                        .senderKid())
                .isEqualTo(ALICE_X);
        expect(veramoForm, STRICT, ProblemCode.MSG_INVALID, "no 'apv'");
        expect(forge(ALICE_X, false, neither), ProblemCode.MSG_INVALID, "without 'apv' and 'apu'");
        expect(forge(ALICE_X, true, h -> h.remove("apv")), ProblemCode.MSG_INVALID, "'apu' but without 'apv'");
    }

    private void expect(String packed, ProblemCode code, String messagePart) {
        expect(packed, UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03, code, messagePart);
    }

    private void expect(String packed, UnpackOptions options, ProblemCode code, String messagePart) {
        assertThatThrownBy(() -> bob.unpack(packed, options))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(code))
                .hasMessageContaining(messagePart);
    }

    private static ObjectNode kidNode(ObjectNode jwe, int recipient) {
        return (ObjectNode) jwe.get("recipients").get(recipient).get("header");
    }

    private static List<String> kids(ObjectNode jwe) {
        List<String> kids = new ArrayList<>();
        for (JsonNode r : jwe.get("recipients")) {
            kids.add(r.get("header").get("kid").asText());
        }
        return kids;
    }

    private static ObjectNode protectedHeader(ObjectNode jwe) {
        return Json.parseObject(Base64URL.from(jwe.get("protected").asText()).decodeToString(), "protected");
    }

    /**
     * A correctly encrypted A256CBC-HS512 JWE from alice (authcrypt when {@code skid} is set) to bob's three
     * X25519 keys, whose protected header {@code edit} changes before anything is derived from it: the KDF
     * and the AAD use the edited header, so only the unpack checks can reject it. Built from the same Nimbus
     * primitives as {@link Jwe#encrypt}, which (rightly) cannot write such headers.
     */
    private static String forge(String skid, boolean ecdh1puDraft3, Consumer<ObjectNode> edit) {
        Keys keys = new Keys(SpecVectorsTest.DIDS, ALL_SECRETS);
        EncryptionMethod enc = EncryptionMethod.A256CBC_HS512;
        JWK epk = Ecdh.ephemeral(com.nimbusds.jose.jwk.Curve.X25519);
        ObjectNode h = Json.object();
        h.put("typ", Jwe.MEDIA_TYPE_ENCRYPTED);
        h.put("alg", skid != null ? "ECDH-1PU+A256KW" : "ECDH-ES+A256KW");
        h.put("enc", enc.getName());
        if (skid != null) {
            h.put("skid", skid);
            h.put("apu", Base64URL.encode(skid).toString());
        }
        h.put("apv", Jwe.apv(BOB_X).toString());
        h.set("epk", Json.MAPPER.valueToTree(epk.toPublicJWK().toJSONObject()));
        edit.accept(h);
        String protectedB64 = Base64URL.encode(Json.write(h)).toString();
        try {
            JWEHeader header = JWEHeader.parse(new Base64URL(protectedB64));
            JWEJCAContext jca = new JWEJCAContext();
            SecretKey cek = ContentCryptoProvider.generateCEK(enc, new SecureRandom());
            byte[] plaintext = SpecVectors.PLAINTEXT.getBytes(StandardCharsets.UTF_8);
            JWECryptoParts parts = ContentCryptoProvider.encrypt(
                    header, plaintext, protectedB64.getBytes(StandardCharsets.US_ASCII), cek, null, jca);
            ObjectNode out = Json.object().put("protected", protectedB64);
            ArrayNode rs = out.putArray("recipients");
            ConcatKDF kdf = new ConcatKDF("SHA-256");
            for (String kid : BOB_X) {
                JWK pub = keys.method(kid).publicJwk();
                SecretKey ze = Ecdh.z(epk, pub);
                SecretKey kek;
                if (skid == null) {
                    kek = ECDH.deriveSharedKey(header, ze, kdf);
                } else {
                    SecretKey z =
                            ECDH1PU.deriveZ(ze, Ecdh.zStatic(keys.secret(skid).privateJwk(), pub));
                    kek = ecdh1puDraft3
                            ? ECDH1PU.deriveSharedKey(header, z, kdf)
                            : ECDH1PU.deriveSharedKey(header, z, parts.getAuthenticationTag(), kdf);
                }
                ObjectNode r = rs.addObject();
                r.put(
                        "encrypted_key",
                        Base64URL.encode(AESKW.wrapCEK(cek, kek, null)).toString());
                r.putObject("header").put("kid", kid);
            }
            out.put("iv", parts.getInitializationVector().toString());
            out.put("ciphertext", parts.getCipherText().toString());
            out.put("tag", parts.getAuthenticationTag().toString());
            return Json.write(out);
        } catch (JOSEException | java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
