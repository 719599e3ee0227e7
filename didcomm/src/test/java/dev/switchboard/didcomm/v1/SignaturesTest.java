package dev.switchboard.didcomm.v1;

import static dev.switchboard.didcomm.v1.EncryptionEnvelopeTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.did.DidKey;
import dev.switchboard.didcomm.did.Ed25519;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignaturesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    // Source: credo-ts packages/didcomm/src/decorators/signature/SignatureDecoratorUtils.test.ts
    // (key = Ed25519 seed of the UTF-8 bytes "00000000000000000000000000000My1", timestamp mocked to 0).
    static final SignatureDecorator CREDO = new SignatureDecorator(
            "https://didcomm.org/signature/1.0/ed25519Sha512_single",
            "TeVQ7m4v7y4Gg80JZWN50H9GjWc3XFDQJ3QpoY2kuAK1ZzX9a_7Tls-X-GI9-JLCysPKzB5EnzAy3EIPi082BA",
            "AAAAAAAAAAB7ImRpZCI6ImRpZCIsImRpZF9kb2MiOnsiQGNvbnRleHQiOiJodHRwczovL3d3dy53My5vcmcvbnMvZGlkL3YxIiwic2VydmljZSI6W3siaWQiOiJkaWQ6ZXhhbXBsZToxMjM0NTY3ODlhYmNkZWZnaGkjZGlkLWNvbW11bmljYXRpb24iLCJ0eXBlIjoiZGlkLWNvbW11bmljYXRpb24iLCJwcmlvcml0eSI6MCwicmVjaXBpZW50S2V5cyI6WyJzb21lVmVya2V5Il0sInJvdXRpbmdLZXlzIjpbXSwic2VydmljZUVuZHBvaW50IjoiaHR0cHM6Ly9hZ2VudC5leGFtcGxlLmNvbS8ifV19fQ",
            "GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa");
    static final Ed25519.KeyPair CREDO_KEY =
            Ed25519.fromSeed("00000000000000000000000000000My1".getBytes(StandardCharsets.UTF_8));

    @Test
    void credoSignatureDecoratorVerifiesAndIsReproduced() throws Exception {
        byte[] json = CREDO.verify();
        assertThat(JSON.readTree(json).get("did").asText()).isEqualTo("did");
        assertThat(CREDO.epochSeconds()).isZero();
        assertThat(CREDO_KEY.verkey()).isEqualTo(CREDO.signer());
        assertThat(SignatureDecorator.sign(json, CREDO_KEY, 0)).isEqualTo(CREDO);
        assertThat(SignatureDecorator.fromJson(JSON.valueToTree(CREDO.toJson())))
                .isEqualTo(CREDO);
    }

    @Test
    void credoWrongSignatureIsACryptoError() {
        // Same test file: 'throws when signature is not valid' (standard base64 with padding).
        SignatureDecorator wrong = new SignatureDecorator(
                CREDO.type(),
                "6sblL1+OMlTFB3KhIQ8HKKZga8te7NAJAmBVPg2WzNYjMHVjfm+LJP6ZS1GUc2FRtfczRyLEfXrXb86SnzBmBA==",
                CREDO.sigData(),
                CREDO.signer());
        expect(ProblemCode.TRUST_CRYPTO, wrong::verify);
        expect(
                ProblemCode.MSG_INVALID,
                () -> new SignatureDecorator(CREDO.type(), "!!", CREDO.sigData(), CREDO.signer()).verify());
        expect(
                ProblemCode.MSG_UNSUPPORTED,
                () -> SignatureDecorator.fromJson(JSON.createObjectNode()
                        .put("@type", "x")
                        .put("signature", "")
                        .put("sig_data", "")
                        .put("signer", "")));
    }

    @Test
    void attachmentJwsRoundTripAndTampering() throws Exception {
        Ed25519.KeyPair inviter = Ed25519.generate();
        byte[] doc = "{\"id\":\"did:peer:4zQm...\"}".getBytes(StandardCharsets.UTF_8);
        AttachmentSignatures.DetachedJws jws = AttachmentSignatures.sign(doc, inviter);
        assertThat(jws.kid()).isEqualTo(DidKey.of(inviter.multikey()));
        var header = JSON.readTree(Base64.getUrlDecoder().decode(jws.protectedB64()));
        assertThat(header.get("alg").asText()).isEqualTo("EdDSA");
        assertThat(header.get("jwk").get("crv").asText()).isEqualTo("Ed25519");
        assertThat(header.get("jwk").has("d")).isFalse();

        String data = AttachmentSignatures.base64(doc);
        var parsed = AttachmentSignatures.DetachedJws.fromJson(JSON.valueToTree(jws.toJson()));
        assertThat(AttachmentSignatures.verify(data, parsed, inviter.verkey())).isEqualTo(inviter.verkey());
        assertThat(AttachmentSignatures.verify(data, parsed, null)).isEqualTo(inviter.verkey());

        String other = AttachmentSignatures.base64("{\"id\":\"did:peer:4zQmX\"}".getBytes(StandardCharsets.UTF_8));
        expect(ProblemCode.TRUST_CRYPTO, () -> AttachmentSignatures.verify(other, jws, null));
        expect(
                ProblemCode.TRUST_CRYPTO,
                () -> AttachmentSignatures.verify(data, jws, Ed25519.generate().verkey()));
        var wrongKid = new AttachmentSignatures.DetachedJws(
                DidKey.of(Ed25519.generate().multikey()), jws.protectedB64(), jws.signature());
        expect(ProblemCode.TRUST_CRYPTO, () -> AttachmentSignatures.verify(data, wrongKid, null));
        var garbage = new AttachmentSignatures.DetachedJws(jws.kid(), "e30", jws.signature());
        expect(ProblemCode.MSG_INVALID, () -> AttachmentSignatures.verify(data, garbage, null));
    }
}
