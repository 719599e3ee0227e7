package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our own pack output, unpacked by our unpack, with the appendix keys. */
class RoundTripTest {
    static final TestDids.Secrets ALICE_SECRETS = new TestDids.Secrets().addAll(SpecVectors.ALICE_SECRETS);
    static final TestDids.Secrets BOB_SECRETS = new TestDids.Secrets().addAll(SpecVectors.BOB_SECRETS);
    final TestDids dids = new TestDids().add(SpecVectors.ALICE_DID_DOC).add(SpecVectors.BOB_DID_DOC);
    final DidcommV2 alice = new DidcommV2(dids, ALICE_SECRETS);
    final DidcommV2 bob = new DidcommV2(dids, BOB_SECRETS);

    static Message message() {
        ObjectNode body = Json.object().put("text", "hello");
        return Message.builder("m-1", "https://didcomm.org/basicmessage/2.0/message", body)
                .from("did:example:alice")
                .to(List.of("did:example:bob"))
                .createdTime(1_700_000_000L)
                .build();
    }

    @ParameterizedTest
    @CsvSource({
        "did:example:bob#key-x25519-1, XC20P",
        "did:example:bob#key-x25519-1, A256GCM",
        "did:example:bob#key-p256-1, A256CBC_HS512",
        "did:example:bob#key-p384-1, A256GCM",
        "did:example:bob#key-p521-1, XC20P",
        "did:example:bob, A256CBC_HS512"
    })
    void anoncrypt(String to, ContentEncryption enc) {
        PackedMessage p =
                alice.packEncrypted(message(), to, PackOptions.anoncrypt().withAnonEncryption(enc));
        Unpacked u = bob.unpack(p.packedMessage());
        assertThat(u.message()).isEqualTo(message());
        assertThat(u.metadata().anonymousSender()).isTrue();
        assertThat(u.metadata().encAlg()).isEqualTo(enc.jwaName());
        assertThat(u.metadata().allRecipientKids()).isEqualTo(p.toKids());
        ObjectNode protectedHeader = protectedHeader(p.packedMessage());
        assertThat(protectedHeader.get("apv").asText())
                .isEqualTo(Jwe.apv(p.toKids()).toString());
        assertThat(protectedHeader.has("epk")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"did:example:bob#key-x25519-2", "did:example:bob#key-p256-2", "did:example:bob#key-p521-2"})
    void authcrypt(String to) {
        PackedMessage p = alice.packEncrypted(message(), to, PackOptions.authcrypt("did:example:alice"));
        Unpacked u = bob.unpack(p.packedMessage());
        assertThat(u.message()).isEqualTo(message());
        assertThat(u.metadata().authenticated()).isTrue();
        assertThat(u.metadata().senderKid()).isEqualTo(p.fromKid());
        assertThat(u.metadata().recipientKid()).isEqualTo(to);
        ObjectNode h = protectedHeader(p.packedMessage());
        assertThat(h.get("skid").asText()).isEqualTo(p.fromKid());
        assertThat(com.nimbusds.jose.util.Base64URL.from(h.get("apu").asText()).decodeToString())
                .isEqualTo(p.fromKid());
        assertThat(h.get("enc").asText()).isEqualTo("A256CBC-HS512");
    }

    @Test
    void authcryptToAllX25519KeysWithOneSharedEpk() {
        PackedMessage p = alice.packEncrypted(message(), "did:example:bob", PackOptions.authcrypt("did:example:alice"));
        assertThat(p.toKids())
                .containsExactly(
                        "did:example:bob#key-x25519-1", "did:example:bob#key-x25519-2", "did:example:bob#key-x25519-3");
        ObjectNode jwe = Json.parseObject(p.packedMessage(), "test");
        jwe.get("recipients")
                .forEach(r -> assertThat(r.get("header").has("epk")).isFalse());
        // every recipient can decrypt: drop the others' secrets one at a time
        for (String kid : p.toKids()) {
            var only = new TestDids.Secrets()
                    .add(kid, BOB_SECRETS.findKey(kid).orElseThrow().privateJwk());
            assertThat(new DidcommV2(dids, only)
                            .unpack(p.packedMessage())
                            .metadata()
                            .recipientKid())
                    .isEqualTo(kid);
        }
    }

    @Test
    void signedAuthcryptProtectedSender() {
        var opts = PackOptions.authcrypt("did:example:alice")
                .withSignBy("did:example:alice")
                .withProtectSender(true);
        PackedMessage p = alice.packEncrypted(message(), "did:example:bob", opts);
        assertThat(protectedHeader(p.packedMessage()).has("skid")).isFalse();
        Unpacked u = bob.unpack(p.packedMessage());
        assertThat(u.message()).isEqualTo(message());
        assertThat(u.metadata().signedBy()).isEqualTo("did:example:alice#key-1");
        assertThat(u.metadata().senderKid()).isEqualTo("did:example:alice#key-x25519-1");
        assertThat(u.metadata().nonRepudiation()).isTrue();
    }

    @Test
    void ecdh1puDraft3IsAcceptedOnlyWhenAllowed() {
        PackedMessage p = alice.packEncrypted(
                message(),
                "did:example:bob",
                PackOptions.authcrypt("did:example:alice").withForward(false).withEcdh1puDraft3(true));
        assertThat(bob.unpack(p.packedMessage(), UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03)
                        .metadata()
                        .senderKid())
                .isEqualTo(p.fromKid());
        // off by default (issue 13, hole 7)
        assertThatThrownBy(() -> bob.unpack(p.packedMessage()))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.TRUST_CRYPTO));
        assertThatThrownBy(() -> bob.unpack(p.packedMessage(), new UnpackOptions(1 << 20, true, false)))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.TRUST_CRYPTO));
    }

    @Test
    void messageEncryptedToSomeoneNotInToIsRejected() {
        // Alice's plaintext says it is for Carol, but the envelope is for Bob (surreptitious forwarding).
        Message forCarol =
                message().toBuilder().to(List.of("did:example:carol")).build();
        var bobKey = TestDids.parse(SpecVectors.BOB_DID_DOC)
                .method("did:example:bob#key-x25519-1")
                .orElseThrow();
        String jwe = Json.write(Jwe.encrypt(
                forCarol.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                List.of(new Jwe.Recipient(bobKey.id(), bobKey.publicJwk())),
                com.nimbusds.jose.EncryptionMethod.XC20P,
                null));
        assertThatThrownBy(() -> bob.unpack(jwe))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.TRUST_CRYPTO));
    }

    @Test
    void es256kSignaturesAreLowS() {
        var n = com.nimbusds.jose.jwk.Curve.SECP256K1.toECParameterSpec().getOrder();
        for (int i = 0; i < 16; i++) {
            ObjectNode jws = Json.parseObject(alice.packSigned(message(), "did:example:alice#key-3"), "test");
            byte[] sig = com.nimbusds.jose.util.Base64URL.from(
                            jws.at("/signatures/0/signature").asText())
                    .decode();
            var s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
            assertThat(s).isLessThanOrEqualTo(n.shiftRight(1));
            assertThat(bob.unpack(Json.write(jws)).metadata().signedBy()).isEqualTo("did:example:alice#key-3");
        }
    }

    @Test
    void signedPlaintextAllAlgorithms() {
        for (String kid : List.of("did:example:alice#key-1", "did:example:alice#key-2", "did:example:alice#key-3")) {
            Unpacked u = bob.unpack(alice.packSigned(message(), kid));
            assertThat(u.message()).isEqualTo(message());
            assertThat(u.metadata().signedBy()).isEqualTo(kid);
        }
    }

    @Test
    void authcryptByAnotherDidThanFromIsRejected() {
        // Mallory authcrypts (with her own, resolvable key) a plaintext claiming to be from Alice.
        dids.add(SpecVectors.ALICE_DID_DOC.replace("did:example:alice", "did:example:mallory"));
        var mallory = new dev.switchboard.didcomm.Secret(
                "did:example:mallory#key-x25519-1",
                ALICE_SECRETS
                        .findKey("did:example:alice#key-x25519-1")
                        .orElseThrow()
                        .privateJwk());
        var bobKey = TestDids.parse(SpecVectors.BOB_DID_DOC)
                .method("did:example:bob#key-x25519-1")
                .orElseThrow();
        String jwe = Json.write(Jwe.encrypt(
                message().toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                List.of(new Jwe.Recipient(bobKey.id(), bobKey.publicJwk())),
                com.nimbusds.jose.EncryptionMethod.A256CBC_HS512,
                mallory));
        assertThatThrownBy(() -> bob.unpack(jwe))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.TRUST_CRYPTO));
        // and the packer refuses to build such a message at all
        assertThatThrownBy(() -> new DidcommV2(dids, ALICE_SECRETS)
                        .packEncrypted(message(), "did:example:bob", PackOptions.authcrypt("did:example:mallory")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forwardWrappedForRoutingKeysAndUnwrappedByMediators() {
        // Bob's service routes via mediator1 then mediator2 (mediator keys = didcomm-rust's mediator vectors).
        String m1 = SpecVectors.BOB_DID_DOC.replace("did:example:bob", "did:example:mediator1");
        String m2 = SpecVectors.BOB_DID_DOC.replace("did:example:bob", "did:example:mediator2");
        DidDocument bobDoc = TestDids.parse(SpecVectors.BOB_DID_DOC);
        var service = new DidDocument.Service(
                "did:example:bob#didcomm-1",
                "DIDCommMessaging",
                URI.create("https://mediator1.example/"),
                List.of("did:example:mediator1#key-x25519-1", "did:example:mediator2#key-p256-1"),
                List.of("didcomm/v2"));
        var routedBob = new DidDocument(
                bobDoc.id(),
                bobDoc.verificationMethods(),
                bobDoc.authentication(),
                bobDoc.keyAgreement(),
                List.of(service));
        var routed = new TestDids()
                .add(SpecVectors.ALICE_DID_DOC)
                .add(routedBob)
                .add(m1)
                .add(m2);
        var sender = new DidcommV2(routed, ALICE_SECRETS);
        var mediator1 = new DidcommV2(
                routed,
                new TestDids.Secrets()
                        .addAll(SpecVectors.BOB_SECRETS.replace("did:example:bob", "did:example:mediator1")));
        var mediator2 = new DidcommV2(
                routed,
                new TestDids.Secrets()
                        .addAll(SpecVectors.BOB_SECRETS.replace("did:example:bob", "did:example:mediator2")));
        var bobRouted = new DidcommV2(routed, BOB_SECRETS);

        PackedMessage p =
                sender.packEncrypted(message(), "did:example:bob", PackOptions.authcrypt("did:example:alice"));
        assertThat(p.forwardedVia())
                .containsExactly("did:example:mediator1#key-x25519-1", "did:example:mediator2#key-p256-1");
        assertThat(p.service()).isEqualTo(service);

        Unpacked hop1 = mediator1.unpack(p.packedMessage());
        assertThat(hop1.metadata().anonymousSender()).isTrue();
        assertThat(hop1.metadata().recipientKid()).isEqualTo("did:example:mediator1#key-x25519-1");
        Forward.ForwardRequest f1 = Forward.parse(hop1.message()).orElseThrow();
        assertThat(f1.next()).isEqualTo("did:example:mediator2#key-p256-1");

        Forward.ForwardRequest f2 =
                Forward.parse(mediator2.unpack(f1.forwardedMessage()).message()).orElseThrow();
        assertThat(f2.next()).isEqualTo("did:example:bob");

        Unpacked end = bobRouted.unpack(f2.forwardedMessage());
        assertThat(end.message()).isEqualTo(message());
        assertThat(end.metadata().senderKid()).isEqualTo(p.fromKid());

        // Bob unpacking the whole onion himself is refused: he holds no mediator key.
        assertThatThrownBy(() -> bobRouted.unpack(p.packedMessage()))
                .isInstanceOfSatisfying(
                        DidcommException.class,
                        e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.MSG_UNKNOWN_RECIPIENT));
    }

    @Test
    void reWrappedForwardIsUnwrappedForTheRecipient() {
        String inner = alice.packEncrypted(
                        message(),
                        "did:example:bob",
                        PackOptions.authcrypt("did:example:alice").withForward(false))
                .packedMessage();
        Message rewrap = Forward.wrap("did:example:bob", inner, List.of("did:example:bob"), null);
        String outer = alice.packEncrypted(
                        rewrap, "did:example:bob", PackOptions.anoncrypt().withForward(false))
                .packedMessage();
        Unpacked u = bob.unpack(outer);
        assertThat(u.message()).isEqualTo(message());
        assertThat(u.metadata().reWrappedInForward()).isTrue();
        assertThat(u.metadata().authenticated()).isTrue();
        Unpacked raw = bob.unpack(outer, new UnpackOptions(1 << 20, false, true));
        assertThat(Forward.isForward(raw.message())).isTrue();
        assertThat(raw.metadata().reWrappedInForward()).isFalse();
    }

    static ObjectNode protectedHeader(String jwe) {
        String b64 = Json.parseObject(jwe, "test").get("protected").asText();
        return Json.parseObject(com.nimbusds.jose.util.Base64URL.from(b64).decode(), "test");
    }
}
