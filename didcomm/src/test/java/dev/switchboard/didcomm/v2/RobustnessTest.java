package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzz-style robustness: truncated, re-encoded, wrong-typed, oversized and garbage inputs give a {@link
 * DidcommException} with a problem code and nothing else.
 */
class RobustnessTest {
    final DidcommV2 bob = new DidcommV2(SpecVectorsTest.DIDS, SpecVectorsTest.BOB);
    static final List<String> VECTORS = List.of(
            SpecVectors.ANON_X25519_XC20P,
            SpecVectors.ANON_P384_A256CBC,
            SpecVectors.ANON_P521_A256GCM,
            SpecVectors.AUTH_X25519_A256CBC,
            SpecVectors.AUTH_P256_SIGNED,
            SpecVectors.SIGNED_EDDSA,
            SpecVectors.SIGNED_ES256K);

    @Test
    void truncatedInputs() {
        for (String v : VECTORS) {
            String compact = Json.write(Json.parseObject(v, "t"));
            for (int len = 0; len < compact.length(); len += 7) {
                expectTyped(compact.substring(0, len));
            }
        }
    }

    /**
     * A character flipped anywhere either gives a {@link DidcommException} with a problem code or, where the
     * flip leaves the authenticated bytes as they were, exactly the original message and metadata: never other
     * content, and never other metadata. (Flips that cannot change what is authenticated: the {@code
     * encrypted_key} of a recipient entry other than the one decrypted, which RFC 7516 section 7.2.1 leaves
     * unprotected, and the unused low bits of a base64url value's last character. A flipped {@code kid} of any
     * recipient is an error: the protected {@code apv} hashes the recipients' kids.)
     */
    @Test
    void randomCharacterFlipsGiveATypedErrorOrExactlyTheOriginal() {
        Random random = new Random(42);
        for (String v : VECTORS) {
            String compact = Json.write(Json.parseObject(v, "t"));
            Unpacked original = bob.unpack(compact);
            for (int i = 0; i < 60; i++) {
                char[] c = compact.toCharArray();
                int pos = random.nextInt(c.length);
                c[pos] = (char) (32 + random.nextInt(95));
                String mutated = new String(c);
                if (!mutated.equals(compact)) {
                    expectTypedOrOriginal(mutated, original);
                }
            }
        }
    }

    /**
     * Tampering (one bit of the decoded bytes of a member that the decrypting recipient or the signature
     * authenticates) never unpacks: always a {@link DidcommException} with a problem code.
     */
    @Test
    void tamperedAuthenticatedMembersNeverUnpack() {
        Random random = new Random(18);
        int tampered = 0;
        for (String v : VECTORS) {
            ObjectNode packed = Json.parseObject(v, "t");
            for (ObjectNode owner : authenticatedMembers(packed).keySet()) {
                for (String member : authenticatedMembers(packed).get(owner)) {
                    byte[] bytes = Base64URL.from(owner.get(member).asText()).decode();
                    for (int i = 0; i < 8; i++) {
                        byte[] flipped = bytes.clone();
                        int bit = random.nextInt(flipped.length * 8);
                        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                        String original = owner.get(member).asText();
                        owner.put(member, Base64URL.encode(flipped).toString());
                        expectTyped(Json.write(packed));
                        owner.put(member, original);
                        tampered++;
                    }
                }
            }
            assertThat(bob.unpack(Json.write(packed)).message()).isNotNull(); // restored: still unpacks
        }
        assertThat(tampered).isGreaterThanOrEqualTo(VECTORS.size() * 3 * 8);
    }

    /** The base64url members each object authenticates: JWE (decrypting recipient's entry) or JWS. */
    private static java.util.Map<ObjectNode, List<String>> authenticatedMembers(ObjectNode packed) {
        java.util.Map<ObjectNode, List<String>> members = new java.util.IdentityHashMap<>();
        if (packed.has("ciphertext")) {
            members.put(packed, List.of("protected", "iv", "ciphertext", "tag"));
            for (JsonNode r : packed.get("recipients")) {
                if (r.get("header").get("kid").asText().startsWith("did:example:bob")) {
                    members.put((ObjectNode) r, List.of("encrypted_key")); // the first one bob holds
                    break;
                }
            }
        } else {
            members.put(packed, List.of("payload"));
            for (JsonNode s : packed.get("signatures")) {
                members.put((ObjectNode) s, List.of("protected", "signature"));
            }
        }
        assertThat(members).as("members found").hasSizeGreaterThanOrEqualTo(2);
        return members;
    }

    @Test
    void reEncodedMembersAndWrongTypes() {
        ObjectNode jwe = Json.parseObject(SpecVectors.AUTH_X25519_A256CBC, "t");
        List<String> variants = new ArrayList<>();
        for (String field : List.of("protected", "iv", "ciphertext", "tag", "recipients")) {
            for (JsonNode replacement : List.<JsonNode>of(
                    Json.MAPPER.valueToTree(1),
                    Json.MAPPER.valueToTree(true),
                    Json.MAPPER.createArrayNode(),
                    Json.object(),
                    Json.MAPPER.valueToTree("!!!not base64!!!"),
                    Json.MAPPER.valueToTree(""))) {
                ObjectNode copy = jwe.deepCopy();
                copy.set(field, replacement);
                variants.add(Json.write(copy));
            }
            ObjectNode removed = jwe.deepCopy();
            removed.remove(field);
            variants.add(Json.write(removed));
        }
        // standard base64 with padding instead of base64url for the ciphertext / protected header
        ObjectNode padded = jwe.deepCopy();
        padded.put("protected", jwe.get("protected").asText() + "==");
        variants.add(Json.write(padded));
        // the standard base64 alphabet decodes to the same bytes (tolerated, the AAD is untouched)
        ObjectNode std = jwe.deepCopy();
        std.put("ciphertext", jwe.get("ciphertext").asText().replace('-', '+').replace('_', '/'));
        assertThat(bob.unpack(Json.write(std)).message().id()).isEqualTo("1234567890");
        // protected header JSON with wrong-typed members
        for (String header : List.of(
                "{}",
                "[]",
                "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\"}",
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}",
                "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A128GCM\",\"epk\":{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}",
                "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"epk\":{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}",
                "{\"alg\":\"ECDH-1PU+A256KW\",\"enc\":\"A256CBC-HS512\",\"skid\":5,\"epk\":{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}",
                "{\"alg\":\"ECDH-1PU+A256KW\",\"enc\":\"A256CBC-HS512\",\"skid\":\"did:example:nobody#k\",\"epk\":{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"JHjsmIRZAaB0zRG_wNXLV2rPggF00hdHbW5rj8g0I24\"}}",
                "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\",\"epk\":\"x\"}")) {
            ObjectNode copy = jwe.deepCopy();
            copy.put(
                    "protected", com.nimbusds.jose.util.Base64URL.encode(header).toString());
            variants.add(Json.write(copy));
        }
        for (String v : variants) {
            expectTyped(v);
        }
    }

    @Test
    void garbage() {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[random.nextInt(200)];
            random.nextBytes(b);
            expectTyped(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        expectTyped("{\"payload\":\"x\",\"signatures\":[]}");
        expectTyped("{\"payload\":\"x\",\"signatures\":[{\"protected\":\"e30\",\"signature\":\"\"}]}");
        expectTyped(
                "{\"payload\":\"x\",\"signature\":\"x\",\"protected\":\"eyJhbGciOiJub25lIn0\",\"header\":{\"kid\":\"did:example:alice#key-1\"}}");
        expectTyped("[".repeat(10_000));
        expectTyped("{\"a\":".repeat(10_000));
    }

    @Test
    void oversizedIsTooBig() {
        String big = "{\"id\":\"1\",\"type\":\"t\",\"body\":{\"x\":\"" + "a".repeat(2000) + "\"}}";
        assertThatThrownBy(() -> bob.unpack(big, new UnpackOptions(1000, true, true)))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.MSG_TOO_BIG));
    }

    @Test
    void bytesAreUnpackedAndBoundedToo() {
        byte[] vector = SpecVectors.ANON_X25519_XC20P.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bob.unpack(vector, UnpackOptions.DEFAULT).message().id()).isEqualTo("1234567890");
        assertThatThrownBy(() -> bob.unpack(vector, new UnpackOptions(100, true, true)))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.MSG_TOO_BIG));
        byte[] invalidUtf8 = {'{', (byte) 0xff, (byte) 0xfe, '}'};
        assertThatThrownBy(() -> bob.unpack(invalidUtf8, UnpackOptions.DEFAULT)).isInstanceOf(DidcommException.class);
    }

    private void expectTypedOrOriginal(String input, Unpacked original) {
        Unpacked unpacked;
        try {
            unpacked = bob.unpack(input);
        } catch (DidcommException e) {
            assertThat(e.problemCode()).isNotNull();
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("leaked " + e + " for " + input, e);
        }
        assertThat(unpacked.message()).as("unpacked from %s", input).isEqualTo(original.message());
        assertThat(unpacked.metadata()).as("unpacked from %s", input).isEqualTo(original.metadata());
    }

    /** Every recipient's kid, flipped at every position: always an error (apv), never other metadata. */
    @Test
    void everyFlippedKidIsAnError() {
        int flipped = 0;
        for (String v : VECTORS) {
            ObjectNode packed = Json.parseObject(v, "t");
            if (!packed.has("recipients")) {
                continue;
            }
            for (JsonNode r : packed.get("recipients")) {
                ObjectNode header = (ObjectNode) r.get("header");
                String kid = header.get("kid").asText();
                for (int pos = 0; pos < kid.length(); pos++) {
                    char[] c = kid.toCharArray();
                    c[pos] = c[pos] == 'x' ? 'y' : 'x';
                    header.put("kid", new String(c));
                    expectTyped(Json.write(packed));
                    flipped++;
                }
                header.put("kid", kid);
            }
            assertThat(bob.unpack(Json.write(packed)).message()).isNotNull(); // restored: still unpacks
        }
        assertThat(flipped).isGreaterThan(300);
    }

    private void expectTyped(String input) {
        try {
            bob.unpack(input);
            fail("unpacked garbage: " + input);
        } catch (DidcommException e) {
            assertThat(e.problemCode()).isNotNull();
        } catch (RuntimeException e) {
            fail("leaked " + e + " for " + input, e);
        }
    }
}
