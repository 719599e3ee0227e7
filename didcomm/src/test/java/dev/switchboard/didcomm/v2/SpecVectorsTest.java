package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.UnpackMetadata;
import org.junit.jupiter.api.Test;

/** Replays the DIDComm Messaging appendix vectors and didcomm-rust's vectors (see {@link SpecVectors}). */
class SpecVectorsTest {
    static final TestDids DIDS = new TestDids().add(SpecVectors.ALICE_DID_DOC).add(SpecVectors.BOB_DID_DOC);
    static final TestDids.Secrets BOB = new TestDids.Secrets().addAll(SpecVectors.BOB_SECRETS);
    final DidcommV2 bob = new DidcommV2(DIDS, BOB);
    final Message expected = Message.parse(SpecVectors.PLAINTEXT);

    @Test
    void plaintextVector() {
        Unpacked u = bob.unpack(SpecVectors.PLAINTEXT);
        assertThat(u.message().id()).isEqualTo("1234567890");
        assertThat(u.message().type()).isEqualTo(expected.type());
        assertThat(u.message().body().get("messagespecificattribute").asText()).isEqualTo("and its value");
        assertThat(u.metadata().encrypted()).isFalse();
        assertThat(u.metadata().authenticated()).isFalse();
    }

    @Test
    void signedVectors() {
        for (String[] v : new String[][] {
            {SpecVectors.SIGNED_EDDSA, "did:example:alice#key-1"},
            {SpecVectors.SIGNED_ES256, "did:example:alice#key-2"},
            {SpecVectors.SIGNED_ES256K, "did:example:alice#key-3"}
        }) {
            Unpacked u = bob.unpack(v[0]);
            assertSameMessage(u.message());
            assertThat(u.metadata().signedBy()).isEqualTo(v[1]);
            assertThat(u.metadata().nonRepudiation()).isTrue();
            assertThat(u.metadata().authenticated()).isTrue();
            assertThat(u.metadata().encrypted()).isFalse();
        }
    }

    @Test
    void signedVectorWithTamperedPayloadFails() {
        String tampered =
                SpecVectors.SIGNED_ES256K.replace("\"payload\": \"eyJpZCI6IjEy", "\"payload\": \"eyJpZCI6IjEz");
        assertThat(tampered).isNotEqualTo(SpecVectors.SIGNED_ES256K);
        assertThatThrownBy(() -> bob.unpack(tampered))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.TRUST_CRYPTO));
    }

    @Test
    void anoncryptX25519Xc20p() {
        UnpackMetadata m = anon(SpecVectors.ANON_X25519_XC20P, "XC20P", "did:example:bob#key-x25519-1");
        assertThat(m.allRecipientKids())
                .containsExactly(
                        "did:example:bob#key-x25519-1", "did:example:bob#key-x25519-2", "did:example:bob#key-x25519-3");
    }

    @Test
    void anoncryptP384A256cbc() {
        anon(SpecVectors.ANON_P384_A256CBC, "A256CBC-HS512", "did:example:bob#key-p384-1");
    }

    @Test
    void anoncryptP521A256gcm() {
        anon(SpecVectors.ANON_P521_A256GCM, "A256GCM", "did:example:bob#key-p521-1");
    }

    @Test
    void anoncryptP256Xc20pFromDidcommRust() {
        anon(SpecVectors.RUST_ANON_P256_XC20P, "XC20P", "did:example:bob#key-p256-1");
    }

    @Test
    void authcryptX25519() {
        Unpacked u = bob.unpack(SpecVectors.AUTH_X25519_A256CBC);
        assertSameMessage(u.message());
        UnpackMetadata m = u.metadata();
        assertThat(m.encrypted()).isTrue();
        assertThat(m.authenticated()).isTrue();
        assertThat(m.anonymousSender()).isFalse();
        assertThat(m.nonRepudiation()).isFalse();
        assertThat(m.senderKid()).isEqualTo("did:example:alice#key-x25519-1");
        assertThat(m.recipientKid()).isEqualTo("did:example:bob#key-x25519-1");
        assertThat(m.keyAlg()).isEqualTo("ECDH-1PU+A256KW");
        assertThat(m.encAlg()).isEqualTo("A256CBC-HS512");
    }

    @Test
    void signedThenAuthcryptP256() {
        Unpacked u = bob.unpack(SpecVectors.AUTH_P256_SIGNED);
        assertSameMessage(u.message());
        assertThat(u.metadata().senderKid()).isEqualTo("did:example:alice#key-p256-1");
        assertThat(u.metadata().signedBy()).isEqualTo("did:example:alice#key-1");
        assertThat(u.metadata().nonRepudiation()).isTrue();
        assertThat(u.metadata().recipientKid()).isEqualTo("did:example:bob#key-p256-1");
    }

    @Test
    void anoncryptOverAuthcryptProtectsSender() {
        Unpacked u = bob.unpack(SpecVectors.ANON_P521_XC20P_OVER_AUTH);
        assertSameMessage(u.message());
        UnpackMetadata m = u.metadata();
        assertThat(m.recipientKid()).isEqualTo("did:example:bob#key-p521-1");
        // The prose says the inner authcrypt uses X25519; the vector's inner skid is Alice's P-521 key.
        assertThat(m.senderKid()).isEqualTo("did:example:alice#key-p521-1");
        assertThat(m.keyAlg()).isEqualTo("ECDH-1PU+A256KW");
        assertThat(m.signedBy()).isEqualTo("did:example:alice#key-1");
        assertThat(m.authenticated()).isTrue();
        assertThat(m.anonymousSender()).isFalse();
    }

    @Test
    void epkNotOnCurveIsRejected() {
        assertThatThrownBy(() -> bob.unpack(SpecVectors.RUST_INVALID_EPK_WRONG_POINT))
                .isInstanceOfSatisfying(
                        DidcommException.class,
                        e -> assertThat(e.problemCode()).isIn(ProblemCode.TRUST_CRYPTO, ProblemCode.MSG_INVALID));
    }

    @Test
    void lowOrderX25519EpkIsRejected() {
        // The appendix X25519 vector with its epk replaced by the all-zero (low-order) point.
        ObjectNode jwe = Json.parseObject(SpecVectors.ANON_X25519_XC20P, "test");
        ObjectNode header = Json.parseObject(
                com.nimbusds.jose.util.Base64URL.from(jwe.get("protected").asText())
                        .decode(),
                "test");
        ((ObjectNode) header.get("epk")).put("x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        jwe.put(
                "protected",
                com.nimbusds.jose.util.Base64URL.encode(Json.write(header)).toString());
        assertThatThrownBy(() -> bob.unpack(Json.write(jwe))).isInstanceOfSatisfying(DidcommException.class, e -> {
            assertThat(e.problemCode()).isEqualTo(ProblemCode.TRUST_CRYPTO);
            assertThat(e.getMessage()).contains("low-order");
        });
    }

    @Test
    void unknownRecipient() {
        var alice = new DidcommV2(DIDS, new TestDids.Secrets().addAll(SpecVectors.ALICE_SECRETS));
        assertThatThrownBy(() -> alice.unpack(SpecVectors.ANON_X25519_XC20P))
                .isInstanceOfSatisfying(
                        DidcommException.class,
                        e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.MSG_UNKNOWN_RECIPIENT));
    }

    private UnpackMetadata anon(String jwe, String enc, String recipientKid) {
        Unpacked u = bob.unpack(jwe);
        assertSameMessage(u.message());
        UnpackMetadata m = u.metadata();
        assertThat(m.encrypted()).isTrue();
        assertThat(m.anonymousSender()).isTrue();
        assertThat(m.authenticated()).isFalse();
        assertThat(m.senderKid()).isNull();
        assertThat(m.keyAlg()).isEqualTo("ECDH-ES+A256KW");
        assertThat(m.encAlg()).isEqualTo(enc);
        assertThat(m.recipientKid()).isEqualTo(recipientKid);
        return m;
    }

    private void assertSameMessage(Message actual) {
        assertThat(actual.id()).isEqualTo(expected.id());
        // The appendix's C.1 shows "https://", but every signed/encrypted vector carries "http://".
        assertThat(actual.type()).isEqualTo("http://example.com/protocols/lets_do_lunch/1.0/proposal");
        assertThat(actual.from()).isEqualTo("did:example:alice");
        assertThat(actual.to()).containsExactly("did:example:bob");
        assertThat(actual.createdTime()).isEqualTo(1516269022L);
        assertThat(actual.expiresTime()).isEqualTo(1516385931L);
        assertThat(actual.body()).isEqualTo(expected.body());
    }
}
