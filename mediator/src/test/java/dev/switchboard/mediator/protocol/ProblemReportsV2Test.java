package dev.switchboard.mediator.protocol;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.switchboard.didcomm.did.DidPeer2;
import dev.switchboard.didcomm.did.KeyType;
import dev.switchboard.didcomm.did.Multikey;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.TestWalletV2;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rows of {@code mediator/docs/problem-reports.md} (DIDComm v2 table) that no protocol handler test
 * covers: envelope failures, a sender that is not the message's {@code from}, an unresolvable signer, the
 * pickup 3.0/4.0 and coordinate-mediation 3.0 refusals, and a sender nobody can encrypt a reply to. Each test
 * asserts the row's HTTP status and code.
 */
@QuarkusTest
class ProblemReportsV2Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PICKUP3 = "https://didcomm.org/messagepickup/3.0/";
    private static final String PICKUP4 = "https://didcomm.org/message-pickup/4.0/";
    private static final String CM3 = "https://didcomm.org/coordinate-mediation/3.0/";
    private static final String PING = "https://didcomm.org/trust-ping/2.0/ping";

    @Inject
    MediatorDid mediator;

    private static void assertRefused(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
    }

    private static String code(ObjectNode report) {
        assertThat(report.path("type").asText()).isEqualTo("https://didcomm.org/report-problem/2.0/problem-report");
        return report.path("body").path("code").asText();
    }

    @Test
    void malformedJweIs400Invalid() {
        Response response = given().contentType(TestWalletV2.ENCRYPTED)
                .body("{\"protected\":\"eyJ0eXAiOiJhcHBsaWNhdGlvbi9kaWRjb21tLWVuY3J5cHRlZCtqc29uIn0\"}")
                .post("/")
                .andReturn();
        assertRefused(response, 400, "e.p.msg.invalid");
    }

    @Test
    void tamperedJweIs400Crypto() {
        ObjectNode jwe = FlowsV2.parse(new TestWalletV2(mediator.did()).pack(TestWalletV2.message(PING)));
        String ciphertext = jwe.path("ciphertext").asText();
        jwe.put("ciphertext", (ciphertext.charAt(0) == 'A' ? 'B' : 'A') + ciphertext.substring(1));
        assertRefused(TestWalletV2.post(jwe.toString().getBytes()), 400, "e.p.trust.crypto");
    }

    @Test
    void signerThatIsNotTheFromIs400Crypto() throws JOSEException {
        OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).generate();
        String signer = didPeer2(key);
        ObjectNode ping = TestWalletV2.message(PING);
        ping.put("from", new TestWalletV2(mediator.did()).did());
        assertRefused(postSigned(ping, key, signer + "#key-1"), 400, "e.p.trust.crypto");
    }

    @Test
    void unresolvableSignerIs400Unresolvable() throws JOSEException {
        OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).generate();
        ObjectNode ping = TestWalletV2.message(PING);
        ping.put("from", "did:example:nobody");
        assertRefused(postSigned(ping, key, "did:example:nobody#key-1"), 400, "e.p.did.unresolvable");
    }

    @Test
    void aSenderWithoutKeyAgreementKeyGetsNoReply() throws JOSEException {
        OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).generate();
        String signer = didPeer2(key);
        ObjectNode ping = TestWalletV2.message(PING);
        ping.put("from", signer);
        Response response = postSigned(ping, key, signer + "#key-1");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.asByteArray()).isEmpty();
    }

    @Test
    void pickup4AndCoordinateMediation3WithoutGrantAreRefused() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        for (String type : List.of(
                PICKUP4 + "status-request",
                PICKUP4 + "delivery-request",
                CM3 + "recipient-update",
                CM3 + "recipient-query")) {
            assertThat(code(wallet.call(TestWalletV2.message(type))))
                    .as(type)
                    .isEqualTo("e.p.req.mediation-not-granted");
        }
    }

    @Test
    void pickup4LiveModeOverHttpIsNotSupported() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        ObjectNode change = TestWalletV2.message(PICKUP4 + "live-delivery-change");
        TestWalletV2.body(change).put("live_delivery", true);
        assertThat(code(wallet.call(change))).isEqualTo("e.m.live-mode-not-supported");
    }

    @Test
    void limitsBelowOneAreInvalid() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        ObjectNode v3 = TestWalletV2.message(PICKUP3 + "delivery-request");
        TestWalletV2.body(v3).put("limit", 0);
        assertThat(code(wallet.call(v3))).isEqualTo("e.p.msg.invalid");
        ObjectNode v4 = TestWalletV2.message(PICKUP4 + "delivery-request");
        TestWalletV2.body(v4).put("message_count_limit", 0);
        assertThat(code(wallet.call(v4))).isEqualTo("e.p.msg.invalid");
        ObjectNode bytes = TestWalletV2.message(PICKUP4 + "delivery-request");
        TestWalletV2.body(bytes).put("message_count_limit", 1).put("max_receive_bytes", 0);
        assertThat(code(wallet.call(bytes))).isEqualTo("e.p.msg.invalid");
    }

    /** A did:peer:2 with only an Ed25519 authentication key: nobody can encrypt to it. */
    private static String didPeer2(OctetKeyPair key) {
        return DidPeer2.create(List.of(new Multikey(KeyType.ED25519, key.getDecodedX())), List.of(), List.of());
    }

    /** POSTs {@code message} as a DIDComm v2 signed message (JWS JSON, EdDSA) by {@code kid}. */
    private static Response postSigned(ObjectNode message, OctetKeyPair key, String kid) throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                .type(new JOSEObjectType("application/didcomm-signed+json"))
                .keyID(kid)
                .build();
        JWSObject jws = new JWSObject(header, new Payload(message.toString()));
        jws.sign(new Ed25519Signer(key));
        ObjectNode json = JSON.createObjectNode();
        json.put("payload", jws.getPayload().toBase64URL().toString());
        ObjectNode signature = json.putArray("signatures").addObject();
        signature.put("protected", header.toBase64URL().toString());
        signature.put("signature", jws.getSignature().toString());
        signature.putObject("header").put("kid", kid);
        return given().contentType("application/didcomm-signed+json")
                .body(json.toString())
                .post("/")
                .andReturn();
    }
}
