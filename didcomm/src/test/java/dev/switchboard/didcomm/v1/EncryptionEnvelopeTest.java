package dev.switchboard.didcomm.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.LibSodium;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.did.DidKey;
import dev.switchboard.didcomm.did.Ed25519;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EncryptionEnvelopeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] MESSAGE =
            "{\"@type\":\"https://didcomm.org/trust_ping/1.0/ping\",\"@id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    final Ed25519.KeyPair alice = Ed25519.generate();
    final Ed25519.KeyPair bob = Ed25519.generate();
    final Ed25519.KeyPair carol = Ed25519.generate();
    final EncryptionEnvelope aliceSide = new EncryptionEnvelope(new MapSecrets().add(alice.toSecret()));
    final EncryptionEnvelope bobSide = new EncryptionEnvelope(new MapSecrets().add(bob.toSecret()));
    final EncryptionEnvelope carolSide = new EncryptionEnvelope(new MapSecrets().add(carol.toSecret()));

    @Test
    void authcryptRoundTripToEveryRecipient() throws Exception {
        String packed =
                aliceSide.packAuthcrypt(MESSAGE, List.of(bob.verkey(), DidKey.of(carol.multikey())), alice.verkey());
        JsonNode header = protectedHeader(packed);
        assertThat(header.get("enc").asText()).isEqualTo("xchacha20poly1305_ietf");
        assertThat(header.get("typ").asText()).isEqualTo("JWM/1.0");
        assertThat(header.get("alg").asText()).isEqualTo("Authcrypt");
        assertThat(header.get("recipients").get(1).get("header").get("kid").asText())
                .isEqualTo(carol.verkey());
        JsonNode r0 = header.get("recipients").get(0);
        assertThat(b64(r0.get("encrypted_key").asText())).hasSize(48);
        assertThat(b64(r0.get("header").get("iv").asText())).hasSize(24);
        assertThat(b64(r0.get("header").get("sender").asText()))
                .hasSize(48 + alice.verkey().length());
        assertThat(b64(JSON.readTree(packed).get("iv").asText())).hasSize(12);

        for (EncryptionEnvelope side : List.of(bobSide, carolSide)) {
            UnpackedMessage m = side.unpack(packed);
            assertThat(m.plaintext()).isEqualTo(MESSAGE);
            assertThat(m.metadata().senderKid()).isEqualTo(alice.verkey());
            assertThat(m.metadata().authenticated()).isTrue();
            assertThat(m.metadata().allRecipientKids()).containsExactly(bob.verkey(), carol.verkey());
        }
        assertThat(carolSide.unpack(packed).metadata().recipientKid()).isEqualTo(carol.verkey());
    }

    @Test
    void repeatSenderUsesTheCachedBoxKeyAndStaysCorrect() {
        for (int i = 0; i < 3; i++) {
            byte[] m = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            assertThat(bobSide.unpack(aliceSide.packAuthcrypt(m, List.of(bob.verkey()), alice.verkey()))
                            .plaintext())
                    .isEqualTo(m);
            assertThat(bobSide.unpack(carolSide.packAuthcrypt(m, List.of(bob.verkey()), carol.verkey()))
                            .metadata()
                            .senderKid())
                    .isEqualTo(carol.verkey());
        }
    }

    @Test
    void anoncryptRoundTrip() throws Exception {
        String packed = aliceSide.packAnoncrypt(MESSAGE, List.of(bob.verkey()));
        JsonNode r0 = protectedHeader(packed).get("recipients").get(0);
        assertThat(b64(r0.get("encrypted_key").asText())).hasSize(80);
        assertThat(r0.get("header").has("sender")).isFalse();
        UnpackedMessage m = bobSide.unpack(packed.getBytes(StandardCharsets.UTF_8));
        assertThat(m.plaintext()).isEqualTo(MESSAGE);
        assertThat(m.metadata().anonymousSender()).isTrue();
    }

    @Test
    void emptyAndLargePlaintexts() {
        byte[] big = new byte[1 << 20];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThat(bobSide.unpack(aliceSide.packAnoncrypt(big, List.of(bob.verkey())))
                        .plaintext())
                .isEqualTo(big);
        assertThat(bobSide.unpack(aliceSide.packAnoncrypt(new byte[0], List.of(bob.verkey())))
                        .plaintext())
                .isEmpty();
    }

    @Test
    void acceptsXChaChaWith24ByteIvAndTheChachaLabel() throws Exception {
        for (String enc : List.of("xchacha20poly1305_ietf", "chacha20poly1305_ietf")) {
            for (int ivLength : new int[] {12, 24}) {
                String packed = handPackAnoncrypt(enc, ivLength);
                UnpackedMessage m = bobSide.unpack(packed);
                assertThat(m.plaintext()).as(enc + "/" + ivLength).isEqualTo(MESSAGE);
                assertThat(m.metadata().encAlg()).isEqualTo(enc);
            }
        }
    }

    @Test
    void algIsCaseSensitiveAndEncIsChecked() throws Exception {
        String packed = aliceSide.packAnoncrypt(MESSAGE, List.of(bob.verkey()));
        expect(ProblemCode.MSG_UNSUPPORTED, () -> bobSide.unpack(withHeader(packed, h -> h.put("alg", "anoncrypt"))));
        expect(ProblemCode.MSG_UNSUPPORTED, () -> bobSide.unpack(withHeader(packed, h -> h.put("enc", "A256GCM"))));
        expect(ProblemCode.MSG_UNSUPPORTED, () -> bobSide.unpack(withHeader(packed, h -> h.put("typ", "JWM/2.0"))));
    }

    @Test
    void rejectsDuplicateKidSenderWithoutIvAndIvWithoutSender() throws Exception {
        String auth = aliceSide.packAuthcrypt(MESSAGE, List.of(bob.verkey(), carol.verkey()), alice.verkey());
        expect(
                ProblemCode.MSG_INVALID,
                () -> bobSide.unpack(withHeader(
                        auth, h -> ((ObjectNode) h.get("recipients").get(1).get("header")).put("kid", bob.verkey()))));
        expect(
                ProblemCode.MSG_INVALID,
                () -> bobSide.unpack(withHeader(
                        auth, h -> ((ObjectNode) h.get("recipients").get(0).get("header")).remove("iv"))));
        expect(
                ProblemCode.MSG_INVALID,
                () -> bobSide.unpack(withHeader(
                        auth, h -> ((ObjectNode) h.get("recipients").get(0).get("header")).remove("sender"))));
        String anon = aliceSide.packAnoncrypt(MESSAGE, List.of(bob.verkey()));
        expect(
                ProblemCode.MSG_INVALID,
                () -> bobSide.unpack(withHeader(
                        anon,
                        h -> ((ObjectNode) h.get("recipients").get(0).get("header"))
                                .put("iv", Base64.getUrlEncoder().encodeToString(new byte[24])))));
    }

    @Test
    void tamperingIsACryptoError() throws Exception {
        String packed = aliceSide.packAuthcrypt(MESSAGE, List.of(bob.verkey()), alice.verkey());
        ObjectNode root = (ObjectNode) JSON.readTree(packed);
        byte[] c = b64(root.get("ciphertext").asText());
        c[0] ^= 1;
        root.put("ciphertext", Base64.getUrlEncoder().withoutPadding().encodeToString(c));
        expect(ProblemCode.TRUST_CRYPTO, () -> bobSide.unpack(root.toString()));
        // A sender that is not the one who boxed the CEK: swap in a sealed, different verkey.
        String other = aliceSide.packAuthcrypt(MESSAGE, List.of(bob.verkey()), alice.verkey());
        EncryptionEnvelope carolSender = new EncryptionEnvelope(new MapSecrets().add(carol.toSecret()));
        String byCarol = carolSender.packAuthcrypt(MESSAGE, List.of(bob.verkey()), carol.verkey());
        JsonNode carolHeader = protectedHeader(byCarol).get("recipients").get(0).get("header");
        expect(
                ProblemCode.TRUST_CRYPTO,
                () -> bobSide.unpack(withHeader(
                        other,
                        h -> ((ObjectNode) h.get("recipients").get(0).get("header"))
                                .put("sender", carolHeader.get("sender").asText()))));
    }

    @Test
    void trailingGarbageAndDuplicateFieldsAreInvalid() {
        String packed = aliceSide.packAnoncrypt(MESSAGE, List.of(bob.verkey()));
        expect(ProblemCode.MSG_INVALID, () -> bobSide.unpack(packed + " {}"));
        expect(ProblemCode.MSG_INVALID, () -> bobSide.unpack(packed.replaceFirst("\\{", "{\"tag\":\"AAAA\",")));
    }

    @Test
    void oversizedIsTooBig() {
        EncryptionEnvelope small = new EncryptionEnvelope(new MapSecrets().add(bob.toSecret()), 100);
        String packed = aliceSide.packAnoncrypt(MESSAGE, List.of(bob.verkey()));
        expect(ProblemCode.MSG_TOO_BIG, () -> small.unpack(packed));
        expect(ProblemCode.MSG_TOO_BIG, () -> small.unpack(packed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void packArgumentsAreChecked() {
        expect(ProblemCode.MSG_INVALID, () -> aliceSide.packAnoncrypt(MESSAGE, List.of()));
        expect(ProblemCode.MSG_INVALID, () -> aliceSide.packAnoncrypt(MESSAGE, List.of("not-a-key")));
        expect(ProblemCode.MSG_INVALID, () -> aliceSide.packAnoncrypt(MESSAGE, List.of(bob.verkey(), bob.verkey())));
        expect(
                ProblemCode.MSG_UNKNOWN_RECIPIENT,
                () -> aliceSide.packAuthcrypt(MESSAGE, List.of(bob.verkey()), carol.verkey()));
    }

    private String handPackAnoncrypt(String enc, int ivLength) throws Exception {
        byte[] cek = LibSodium.randomBytes(32);
        byte[] rx = bob.x25519PublicKey();
        byte[] sealed = new byte[cek.length + 48];
        LibSodium.sodium().crypto_box_seal(sealed, cek, cek.length, rx);
        ObjectNode header =
                JSON.createObjectNode().put("enc", enc).put("typ", "JWM/1.0").put("alg", "Anoncrypt");
        ObjectNode r = header.putArray("recipients").addObject();
        r.put("encrypted_key", Base64.getUrlEncoder().encodeToString(sealed)); // padded on purpose
        r.putObject("header").put("kid", bob.verkey());
        String protectedB64 = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(header));
        byte[] aad = protectedB64.getBytes(StandardCharsets.US_ASCII);
        byte[] iv = LibSodium.randomBytes(ivLength);
        byte[] c = new byte[MESSAGE.length];
        byte[] tag = new byte[16];
        if (ivLength == 12) {
            LibSodium.sodium()
                    .crypto_aead_chacha20poly1305_ietf_encrypt_detached(
                            c, tag, null, MESSAGE, MESSAGE.length, aad, aad.length, null, iv, cek);
        } else {
            LibSodium.sodium()
                    .crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
                            c, tag, null, MESSAGE, MESSAGE.length, aad, aad.length, null, iv, cek);
        }
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        return JSON.createObjectNode()
                .put("protected", protectedB64)
                .put("iv", e.encodeToString(iv))
                .put("ciphertext", e.encodeToString(c))
                .put("tag", e.encodeToString(tag))
                .toString();
    }

    static JsonNode protectedHeader(String packed) throws Exception {
        return JSON.readTree(b64(JSON.readTree(packed).get("protected").asText()));
    }

    static String withHeader(String packed, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(packed);
        ObjectNode header = (ObjectNode) protectedHeader(packed);
        edit.accept(header);
        root.put("protected", Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(header)));
        return root.toString();
    }

    static byte[] b64(String s) {
        return Base64.getUrlDecoder().decode(s);
    }

    static void expect(ProblemCode code, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        DidcommException.class,
                        e -> assertThat(e.problemCode()).as(e.getMessage()).isEqualTo(code));
    }
}
