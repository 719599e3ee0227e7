package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    @Test
    void randomByteFlipsNeverLeakAnotherException() {
        Random random = new Random(42);
        for (String v : VECTORS) {
            String compact = Json.write(Json.parseObject(v, "t"));
            for (int i = 0; i < 60; i++) {
                char[] c = compact.toCharArray();
                int pos = random.nextInt(c.length);
                c[pos] = (char) (32 + random.nextInt(95));
                String mutated = new String(c);
                if (!mutated.equals(compact)) {
                    expectTypedOrSame(mutated);
                }
            }
        }
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

    private void expectTypedOrSame(String input) {
        try {
            bob.unpack(input); // a flip inside ignorable whitespace or a tolerated member may still unpack
        } catch (DidcommException e) {
            assertThat(e.problemCode()).isNotNull();
        } catch (RuntimeException e) {
            fail("leaked " + e + " for " + input, e);
        }
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
