package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.github.novacrypto.base58.Base58;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Live interop with Veramo 7.0.1 ({@code @veramo/did-comm}) from npm, with did:peer:2 identities whose
 * X25519 keys this test generates: carol lives in Veramo (routed via mediator2, also in Veramo), dave lives
 * here (routed via mediator1, also here). DID documents come from Veramo's own did:peer resolver. Veramo 7
 * (did-jwt) implements ECDH-1PU draft 03 (no tag in the KDF) for every enc: we accept it on unpack when
 * asked ({@link UnpackOptions#ACCEPT_ECDH_1PU_DRAFT_03}, enabled explicitly here; off by default) and emit
 * it on request ({@link PackOptions#withEcdh1puDraft3}); Veramo cannot open spec (draft 04) authcrypt.
 */
class VeramoInteropIT {
    static final NodeCli VERAMO = new NodeCli("veramo-cli.mjs");

    static Identity carol;
    static Identity dave;
    static Identity mediator1;
    static Identity mediator2;
    static TestDids dids;

    record Identity(String did, OctetKeyPair key, OctetKeyPair signingKey) {
        String kid() {
            return did + "#key-1";
        }

        TestDids.Secrets secrets() {
            return new TestDids.Secrets().add(kid(), key);
        }

        ObjectNode veramoImport() {
            ObjectNode o = Json.object()
                    .put("did", did)
                    .put("x25519PrivateKeyHex", HexFormat.of().formatHex(key.getDecodedD()));
            if (signingKey != null) {
                o.put("ed25519PrivateKeyHex", HexFormat.of().formatHex(signingKey.getDecodedD()));
            }
            return o;
        }
    }

    @BeforeAll
    static void setUp() throws JOSEException {
        NodeCli.assumeNode();
        mediator1 = identity(null);
        mediator2 = identity(null);
        carol = identity(mediator2.kid());
        dave = identity(mediator1.kid());
        ObjectNode req = Json.object().put("op", "resolve");
        ArrayNode list = req.putArray("dids");
        for (Identity i : List.of(carol, dave, mediator1, mediator2)) {
            list.add(i.did());
        }
        dids = new TestDids();
        for (JsonNode doc : VERAMO.call(req).get("didDocuments")) {
            dids.add(Json.write(doc));
        }
        assertThat(dids.resolve(dave.did()).orElseThrow().keyAgreement()).containsExactly(dave.kid());
    }

    /**
     * did:peer:2 with one X25519 key-agreement key (E, {@code #key-1}), an Ed25519 authentication key (V,
     * {@code #key-2}) and, when routed, a DIDCommMessaging service (S).
     */
    static Identity identity(String routingKey) throws JOSEException {
        OctetKeyPair key = new OctetKeyPairGenerator(Curve.X25519).generate();
        OctetKeyPair signingKey = new OctetKeyPairGenerator(Curve.Ed25519).generate();
        String did = "did:peer:2.E" + multibase(0xec, key) + ".V" + multibase(0xed, signingKey);
        if (routingKey != null) {
            String service =
                    "{\"t\":\"dm\",\"s\":{\"uri\":\"http://127.0.0.1:9/didcomm\",\"a\":[\"didcomm/v2\"],\"r\":[\""
                            + routingKey + "\"]}}";
            did += ".S" + Base64URL.encode(service);
        }
        return new Identity(did, key, signingKey);
    }

    /** "z" + base58btc(multicodec varint || raw public key); 0xec X25519, 0xed Ed25519 (2-byte varints). */
    static String multibase(int codec, OctetKeyPair key) {
        byte[] raw = key.getDecodedX();
        byte[] out = new byte[raw.length + 2];
        out[0] = (byte) codec;
        out[1] = 0x01;
        System.arraycopy(raw, 0, out, 2, raw.length);
        return "z" + Base58.base58Encode(out);
    }

    static Message message(Identity from, Identity to) {
        return Message.builder(
                        "veramo-" + System.nanoTime(),
                        "https://didcomm.org/basicmessage/2.0/message",
                        Json.object().put("content", "hello across stacks"))
                .from(from.did())
                .to(List.of(to.did()))
                .createdTime(1_700_000_000L)
                .build();
    }

    /** Veramo's default authcrypt enc is A256GCM; A256CBC-HS512 on request. Both use ECDH-1PU draft 03. */
    @ParameterizedTest
    @CsvSource({"default, A256GCM", "A256CBC-HS512, A256CBC-HS512"})
    void veramoAuthcryptIsUnpackedByUs(String requested, String enc) {
        Message sent = message(carol, dave);
        String packed = veramoPack(sent, "authcrypt", "default".equals(requested) ? null : requested, false);
        Unpacked u = new DidcommV2(dids, dave.secrets()).unpack(packed, UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03);
        assertThat(u.message()).isEqualTo(sent);
        assertThat(u.metadata().keyAlg()).isEqualTo("ECDH-1PU+A256KW");
        assertThat(u.metadata().encAlg()).isEqualTo(enc);
        assertThat(u.metadata().senderKid()).isEqualTo(carol.kid());
        assertThat(u.metadata().authenticated()).isTrue();
    }

    /**
     * Veramo 7.0.1 writes neither {@code apv} nor {@code apu} into the protected header (anoncrypt and
     * authcrypt): accepted with {@link UnpackOptions#acceptWithoutApv()} (anoncrypt by default, authcrypt only
     * with its draft-03 KEK accepted too), refused without it.
     */
    @ParameterizedTest
    @CsvSource({"authcrypt", "anoncrypt"})
    void veramoHeaderHasNoApvNorApuAndNeedsAcceptWithoutApv(String packing) {
        Message sent = message(carol, dave);
        String packed = veramoPack(sent, packing, null, false);
        ObjectNode h = Json.parseObject(
                Base64URL.from(Json.parseObject(packed, "test").get("protected").asText())
                        .decodeToString(),
                "protected");
        assertThat(h.has("apv")).isFalse();
        assertThat(h.has("apu")).isFalse();
        assertThat(h.has("skid")).isEqualTo("authcrypt".equals(packing));
        UnpackOptions accepting =
                "anoncrypt".equals(packing) ? UnpackOptions.DEFAULT : UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03;
        assertThat(new DidcommV2(dids, dave.secrets()).unpack(packed, accepting).message())
                .isEqualTo(sent);
        if ("authcrypt".equals(packing)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DidcommV2(dids, dave.secrets()).unpack(packed))
                    .isInstanceOf(dev.switchboard.didcomm.DidcommException.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new DidcommV2(dids, dave.secrets()).unpack(packed, ApvApuTest.STRICT))
                .isInstanceOfSatisfying(
                        dev.switchboard.didcomm.DidcommException.class,
                        e -> assertThat(e.problemCode()).isEqualTo(dev.switchboard.didcomm.ProblemCode.MSG_INVALID));
    }

    @ParameterizedTest
    @CsvSource({"A256GCM", "XC20P", "A256CBC-HS512"})
    void veramoAnoncryptIsUnpackedByUs(String enc) {
        Message sent = message(carol, dave);
        String packed = veramoPack(sent, "anoncrypt", enc, false);
        Unpacked u = new DidcommV2(dids, dave.secrets()).unpack(packed, UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03);
        assertThat(u.message()).isEqualTo(sent);
        assertThat(u.metadata().keyAlg()).isEqualTo("ECDH-ES+A256KW");
        assertThat(u.metadata().encAlg()).isEqualTo(enc);
        assertThat(u.metadata().anonymousSender()).isTrue();
    }

    @Test
    void veramoForwardWrappedIsUnwrappedByOurMediatorThenUnpackedByUs() {
        Message sent = message(carol, dave);
        String packed = veramoPack(sent, "authcrypt", null, true);
        Unpacked atMediator =
                new DidcommV2(dids, mediator1.secrets()).unpack(packed, UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03);
        assertThat(atMediator.metadata().recipientKid()).isEqualTo(mediator1.kid());
        Forward.ForwardRequest fwd = Forward.parse(atMediator.message()).orElseThrow();
        assertThat(fwd.next()).isEqualTo(dave.did());
        Unpacked atDave = new DidcommV2(dids, dave.secrets())
                .unpack(fwd.forwardedMessage(), UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03);
        assertThat(atDave.message()).isEqualTo(sent);
        assertThat(atDave.metadata().senderKid()).isEqualTo(carol.kid());
    }

    @Test
    void veramoSignedFlattenedJwsIsVerifiedByUs() {
        Message sent = message(carol, dave);
        String packed = veramoPack(sent, "jws", null, false);
        assertThat(Json.parseObject(packed, "test").has("signatures")).isFalse(); // flattened form
        Unpacked u = new DidcommV2(dids, dave.secrets()).unpack(packed, UnpackOptions.ACCEPT_ECDH_1PU_DRAFT_03);
        assertThat(u.message()).isEqualTo(sent);
        assertThat(u.metadata().signedBy()).isEqualTo(carol.did() + "#key-2");
        assertThat(u.metadata().nonRepudiation()).isTrue();
        assertThat(u.metadata().encrypted()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ContentEncryption.class)
    void ourAnoncryptIsUnpackedByVeramo(ContentEncryption enc) {
        Message sent = message(dave, carol);
        String packed = new DidcommV2(dids, dave.secrets())
                .packEncrypted(
                        sent,
                        carol.did(),
                        PackOptions.anoncrypt().withAnonEncryption(enc).withForward(false))
                .packedMessage();
        ObjectNode out = veramoUnpack(packed, carol);
        assertThat(out.at("/message/id").asText()).isEqualTo(sent.id());
        assertThat(out.at("/message/body/content").asText()).isEqualTo("hello across stacks");
        assertThat(out.at("/metaData/packing").asText()).isEqualTo("anoncrypt");
    }

    @Test
    void ourAuthcryptIsUnpackedByVeramo() {
        Message sent = message(dave, carol);
        String packed = new DidcommV2(dids, dave.secrets())
                .packEncrypted(
                        sent,
                        carol.did(),
                        PackOptions.authcrypt(dave.did()).withForward(false).withEcdh1puDraft3(true))
                .packedMessage();
        ObjectNode out = veramoUnpack(packed, carol);
        assertThat(out.at("/message/id").asText()).isEqualTo(sent.id());
        assertThat(out.at("/metaData/packing").asText()).isEqualTo("authcrypt");
    }

    @Test
    void ourForwardWrappedAuthcryptIsUnpackedByVeramoAsMediatorAndRecipient() {
        Message sent = message(dave, carol);
        PackedMessage packed = new DidcommV2(dids, dave.secrets())
                .packEncrypted(
                        sent, carol.did(), PackOptions.authcrypt(dave.did()).withEcdh1puDraft3(true));
        assertThat(packed.forwardedVia()).containsExactly(mediator2.kid());
        ObjectNode out = veramoUnpack(packed.packedMessage(), carol, mediator2);
        assertThat(out.get("forwards").toString()).isEqualTo("[\"" + carol.did() + "\"]");
        assertThat(out.at("/message/id").asText()).isEqualTo(sent.id());
        assertThat(out.at("/metaData/packing").asText()).isEqualTo("authcrypt");
    }

    private static String veramoPack(Message message, String packing, String enc, boolean forward) {
        ObjectNode req = Json.object().put("op", "pack").put("packing", packing).put("forward", forward);
        req.putArray("identities").add(carol.veramoImport());
        req.set("message", Json.parseObject(message.toJson(), "test"));
        if (enc != null) {
            req.putObject("options").put("enc", enc);
        }
        return VERAMO.call(req).get("packed").asText();
    }

    private static ObjectNode veramoUnpack(String packed, Identity... holders) {
        ObjectNode req = Json.object().put("op", "unpack").put("packed", packed);
        ArrayNode ids = req.putArray("identities");
        for (Identity i : holders) {
            ids.add(i.veramoImport());
        }
        return VERAMO.call(req);
    }
}
