package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.SecretResolver;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Live interop with didcomm-node 0.4.1 (SICPA didcomm-rust, WASM) from npm: it packs, we unpack; we pack, it
 * unpacks; plain and forward-wrapped. didcomm-rust encrypts only to X25519 and P-256 keys (P-384/P-521 are
 * "Unsupported key type or curve" there), so those curves are covered by the spec vectors instead. Identities: the spec appendix's Alice and Bob; Bob's DIDCommMessaging
 * service routes through a mediator whose keys are Bob's appendix keys under {@code did:example:mediator1}.
 */
class DidcommNodeInteropIT {
    static final String MEDIATOR = "did:example:mediator1";
    static final NodeCli NODE = new NodeCli("didcomm-node-cli.mjs");

    static DidDocument aliceDoc;
    static DidDocument bobDoc;
    static DidDocument mediatorDoc;
    static TestDids dids;
    static TestDids.Secrets aliceSecrets;
    static TestDids.Secrets bobSecrets;
    static TestDids.Secrets mediatorSecrets;

    @BeforeAll
    static void setUp() {
        NodeCli.assumeNode();
        aliceDoc = TestDids.parse(SpecVectors.ALICE_DID_DOC);
        DidDocument plainBob = TestDids.parse(SpecVectors.BOB_DID_DOC);
        bobDoc = new DidDocument(
                plainBob.id(),
                plainBob.verificationMethods(),
                plainBob.authentication(),
                plainBob.keyAgreement(),
                List.of(new DidDocument.Service(
                        "did:example:bob#didcomm-1",
                        "DIDCommMessaging",
                        URI.create("http://127.0.0.1:9/didcomm"),
                        List.of(MEDIATOR + "#key-x25519-1"),
                        List.of("didcomm/v2"))));
        mediatorDoc = TestDids.parse(SpecVectors.BOB_DID_DOC.replace("did:example:bob", MEDIATOR));
        dids = new TestDids().add(aliceDoc).add(bobDoc).add(mediatorDoc);
        aliceSecrets = new TestDids.Secrets().addAll(SpecVectors.ALICE_SECRETS);
        bobSecrets = new TestDids.Secrets().addAll(SpecVectors.BOB_SECRETS);
        mediatorSecrets = new TestDids.Secrets().addAll(SpecVectors.BOB_SECRETS.replace("did:example:bob", MEDIATOR));
    }

    static Message message() {
        return Message.builder(
                        "interop-" + System.nanoTime(),
                        "https://didcomm.org/basicmessage/2.0/message",
                        Json.object().put("content", "hello from the JVM test"))
                .from("did:example:alice")
                .to(List.of("did:example:bob"))
                .createdTime(1_700_000_000L)
                .build();
    }

    @Test
    void nodeAuthcryptDefaultIsUnpackedByUs() {
        Message sent = message();
        ObjectNode packed = nodePack(sent, "did:example:bob", "did:example:alice", false, null);
        // didcomm-node writes the spec's apv and apu: unpacked without accepting Veramo's header form
        Unpacked u = new DidcommV2(dids, bobSecrets).unpack(packed.get("packed").asText(), ApvApuTest.STRICT);
        assertThat(u.message()).isEqualTo(sent);
        assertThat(u.metadata().keyAlg()).isEqualTo("ECDH-1PU+A256KW");
        assertThat(u.metadata().encAlg()).isEqualTo("A256CBC-HS512");
        assertThat(u.metadata().senderKid())
                .isEqualTo(packed.at("/metadata/from_kid").asText());
        assertThat(u.metadata().allRecipientKids()).hasSize(3);
        ObjectNode h = protectedHeader(packed.get("packed").asText());
        assertThat(h.get("apv").asText())
                .isEqualTo(Jwe.apv(u.metadata().allRecipientKids()).toString());
        assertThat(com.nimbusds.jose.util.Base64URL.from(h.get("apu").asText()).decodeToString())
                .isEqualTo(u.metadata().senderKid());
        ObjectNode flipped = Json.parseObject(packed.get("packed").asText(), "test");
        ((ObjectNode) flipped.get("recipients").get(2).get("header")).put("kid", "did:example:bob#key-x25519-9");
        assertThatThrownBy(() -> new DidcommV2(dids, bobSecrets).unpack(Json.write(flipped)))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.TRUST_CRYPTO));
    }

    private static ObjectNode protectedHeader(String packed) {
        String b64 = Json.parseObject(packed, "test").get("protected").asText();
        return Json.parseObject(com.nimbusds.jose.util.Base64URL.from(b64).decodeToString(), "protected");
    }

    @ParameterizedTest
    @CsvSource({"did:example:alice#key-1", "did:example:alice#key-2", "did:example:alice#key-3"})
    void nodeSignedAuthcryptP256IsUnpackedByUs(String signBy) {
        Message sent = message();
        ObjectNode req = packRequest(sent, "did:example:bob#key-p256-1", "did:example:alice", false, null);
        req.put("signBy", signBy);
        ObjectNode packed = NODE.call(req);
        Unpacked u = new DidcommV2(dids, bobSecrets).unpack(packed.get("packed").asText());
        assertThat(u.message()).isEqualTo(sent);
        assertThat(u.metadata().senderKid()).isEqualTo("did:example:alice#key-p256-1");
        assertThat(u.metadata().recipientKid()).isEqualTo("did:example:bob#key-p256-1");
        assertThat(u.metadata().signedBy()).isEqualTo(signBy);
        assertThat(u.metadata().nonRepudiation()).isTrue();
    }

    @Test
    void ourSignedAuthcryptP256IsUnpackedByNode() {
        Message sent = message();
        var opts = PackOptions.authcrypt("did:example:alice#key-p256-1")
                .withSignBy("did:example:alice#key-3")
                .withForward(false);
        PackedMessage packed = new DidcommV2(dids, aliceSecrets).packEncrypted(sent, "did:example:bob", opts);
        assertThat(packed.toKids()).containsExactly("did:example:bob#key-p256-1", "did:example:bob#key-p256-2");
        ObjectNode out = nodeUnpack(packed.packedMessage(), bobSecrets, bobDoc);
        assertThat(out.at("/message/id").asText()).isEqualTo(sent.id());
        assertThat(out.at("/metadata/encrypted_from_kid").asText()).isEqualTo("did:example:alice#key-p256-1");
        assertThat(out.at("/metadata/sign_from").asText()).isEqualTo("did:example:alice#key-3");
        assertThat(out.at("/metadata/sign_alg").asText()).isEqualTo("ES256K");
    }

    @ParameterizedTest
    @CsvSource({"Xc20pEcdhEsA256kw, XC20P", "A256cbcHs512EcdhEsA256kw, A256CBC-HS512", "A256gcmEcdhEsA256kw, A256GCM"})
    void nodeAnoncryptIsUnpackedByUs(String nodeAlg, String enc) {
        Message sent = message();
        ObjectNode packed = nodePack(sent, "did:example:bob#key-p256-1", null, false, nodeAlg);
        Unpacked u = new DidcommV2(dids, bobSecrets).unpack(packed.get("packed").asText(), ApvApuTest.STRICT);
        assertThat(protectedHeader(packed.get("packed").asText()).get("apv").asText())
                .isEqualTo(Jwe.apv(List.of("did:example:bob#key-p256-1")).toString());
        assertThat(u.message()).isEqualTo(sent);
        assertThat(u.metadata().keyAlg()).isEqualTo("ECDH-ES+A256KW");
        assertThat(u.metadata().encAlg()).isEqualTo(enc);
        assertThat(u.metadata().anonymousSender()).isTrue();
        assertThat(u.metadata().recipientKid()).isEqualTo("did:example:bob#key-p256-1");
    }

    @Test
    void nodeForwardWrappedIsUnwrappedByOurMediatorThenUnpackedByUs() {
        Message sent = message();
        ObjectNode packed = nodePack(sent, "did:example:bob", "did:example:alice", true, null);
        Unpacked atMediator =
                new DidcommV2(dids, mediatorSecrets).unpack(packed.get("packed").asText());
        assertThat(atMediator.metadata().recipientKid()).isEqualTo(MEDIATOR + "#key-x25519-1");
        assertThat(atMediator.metadata().anonymousSender()).isTrue();
        Forward.ForwardRequest fwd = Forward.parse(atMediator.message()).orElseThrow();
        assertThat(fwd.next()).isEqualTo("did:example:bob");
        Unpacked atBob = new DidcommV2(dids, bobSecrets).unpack(fwd.forwardedMessage());
        assertThat(atBob.message()).isEqualTo(sent);
        assertThat(atBob.metadata().senderKid()).startsWith("did:example:alice#");
    }

    @ParameterizedTest
    @CsvSource({
        "did:example:bob, XC20P",
        "did:example:bob#key-p256-1, A256GCM",
        "did:example:bob#key-x25519-2, A256CBC_HS512"
    })
    void ourAnoncryptIsUnpackedByNode(String to, ContentEncryption enc) {
        Message sent = message();
        String packed = new DidcommV2(dids, aliceSecrets)
                .packEncrypted(
                        sent,
                        to,
                        PackOptions.anoncrypt().withAnonEncryption(enc).withForward(false))
                .packedMessage();
        ObjectNode out = nodeUnpack(packed, bobSecrets, bobDoc);
        assertThat(out.at("/message/id").asText()).isEqualTo(sent.id());
        assertThat(out.at("/message/body/content").asText()).isEqualTo("hello from the JVM test");
        assertThat(out.at("/metadata/anonymous_sender").asBoolean()).isTrue();
        assertThat(out.at("/metadata/encrypted").asBoolean()).isTrue();
    }

    @Test
    void ourAuthcryptSignedProtectedIsUnpackedByNode() {
        Message sent = message();
        var opts = PackOptions.authcrypt("did:example:alice")
                .withSignBy("did:example:alice#key-2")
                .withProtectSender(true)
                .withForward(false);
        String packed = new DidcommV2(dids, aliceSecrets)
                .packEncrypted(sent, "did:example:bob", opts)
                .packedMessage();
        ObjectNode out = nodeUnpack(packed, bobSecrets, bobDoc);
        assertThat(out.at("/message/id").asText()).isEqualTo(sent.id());
        assertThat(out.at("/metadata/authenticated").asBoolean()).isTrue();
        assertThat(out.at("/metadata/non_repudiation").asBoolean()).isTrue();
        assertThat(out.at("/metadata/encrypted_from_kid").asText()).isEqualTo("did:example:alice#key-x25519-1");
        assertThat(out.at("/metadata/sign_from").asText()).isEqualTo("did:example:alice#key-2");
    }

    @Test
    void ourForwardWrappedAuthcryptIsUnpackedByNodeAsMediatorAndRecipient() {
        Message sent = message();
        PackedMessage packed = new DidcommV2(dids, aliceSecrets)
                .packEncrypted(sent, "did:example:bob", PackOptions.authcrypt("did:example:alice"));
        assertThat(packed.forwardedVia()).containsExactly(MEDIATOR + "#key-x25519-1");
        var both = new TestDids.Secrets()
                .addAll(SpecVectors.BOB_SECRETS)
                .addAll(SpecVectors.BOB_SECRETS.replace("did:example:bob", MEDIATOR));
        ObjectNode out = nodeUnpack(packed.packedMessage(), both, bobDoc);
        assertThat(out.get("forwards").toString()).isEqualTo("[\"did:example:bob\"]");
        assertThat(out.at("/message/id").asText()).isEqualTo(sent.id());
        assertThat(out.at("/metadata/authenticated").asBoolean()).isTrue();
        assertThat(out.at("/metadata/encrypted_from_kid").asText()).isEqualTo(packed.fromKid());
    }

    private static ObjectNode nodePack(Message message, String to, String from, boolean forward, String anonAlg) {
        return NODE.call(packRequest(message, to, from, forward, anonAlg));
    }

    private static ObjectNode packRequest(Message message, String to, String from, boolean forward, String anonAlg) {
        ObjectNode req = base(aliceSecrets, aliceDoc);
        req.put("op", "pack");
        req.set("message", Json.parseObject(message.toJson(), "test"));
        req.put("to", to);
        if (from == null) {
            req.putNull("from");
        } else {
            req.put("from", from);
        }
        ObjectNode options = req.putObject("options");
        options.put("forward", forward);
        if (anonAlg != null) {
            options.put("enc_alg_anon", anonAlg);
        }
        return req;
    }

    private static ObjectNode nodeUnpack(String packed, TestDids.Secrets secrets, DidDocument owner) {
        ObjectNode req = base(secrets, owner);
        req.put("op", "unpack");
        req.put("packed", packed);
        return NODE.call(req);
    }

    /** didcomm-node's DIDDoc/Secret shapes; the service key is spelled "routingKeys" (not its typings' name). */
    private static ObjectNode base(TestDids.Secrets secrets, DidDocument owner) {
        ObjectNode req = Json.object();
        ArrayNode docs = req.putArray("didDocs");
        for (DidDocument d : List.of(aliceDoc, bobDoc, mediatorDoc)) {
            docs.add(nodeDoc(d));
        }
        ArrayNode arr = req.putArray("secrets");
        for (DidDocument d : List.of(aliceDoc, bobDoc, mediatorDoc)) {
            for (DidDocument.VerificationMethod m : d.verificationMethods()) {
                addSecret(arr, secrets, m.id());
            }
        }
        return req;
    }

    private static void addSecret(ArrayNode arr, SecretResolver secrets, String kid) {
        secrets.findKey(kid)
                .ifPresent(s -> arr.addObject()
                        .put("id", kid)
                        .put("type", "JsonWebKey2020")
                        .set(
                                "privateKeyJwk",
                                Json.MAPPER.valueToTree(s.privateJwk().toJSONObject())));
    }

    static ObjectNode nodeDoc(DidDocument d) {
        ObjectNode doc = Json.object();
        doc.put("id", d.id());
        d.keyAgreement().forEach(doc.withArray("keyAgreement")::add);
        d.authentication().forEach(doc.withArray("authentication")::add);
        ArrayNode vms = doc.putArray("verificationMethod");
        for (DidDocument.VerificationMethod m : d.verificationMethods()) {
            vms.addObject()
                    .put("id", m.id())
                    .put("type", "JsonWebKey2020")
                    .put("controller", m.controller())
                    .set("publicKeyJwk", Json.MAPPER.valueToTree(m.publicJwk().toJSONObject()));
        }
        ArrayNode services = doc.putArray("service");
        for (DidDocument.Service s : d.services()) {
            ObjectNode svc = services.addObject().put("id", s.id()).put("type", s.type());
            ObjectNode ep =
                    svc.putObject("serviceEndpoint").put("uri", s.endpoint().toString());
            s.accept().forEach(ep.withArray("accept")::add);
            s.routingKeys().forEach(ep.withArray("routingKeys")::add);
        }
        return doc;
    }
}
