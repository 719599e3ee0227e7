package dev.switchboard.mediator.transport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.did.DidPeer2;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWalletV2;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * DIDComm v2 on the shared ingress: media types, generation detection, answers in the message's generation,
 * problem reports (report-problem 2.0), discover-features disclose, the relay path, the OOB 2.0 invitation
 * and the mediator's DID document.
 */
@QuarkusTest
class DidcommV2IngressTest {
    private static final String PROBLEM = "https://didcomm.org/report-problem/2.0/problem-report";

    @Inject
    MediatorDid mediator;

    @Test
    void unknownProtocolIsAnsweredWithAV2ProblemReport() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        ObjectNode message = TestWalletV2.message("https://didcomm.org/no-such-protocol/1.0/hello");
        ObjectNode report = wallet.call(message);
        assertThat(report.path("type").asText()).isEqualTo(PROBLEM);
        assertThat(report.path("pthid").asText()).isEqualTo(message.path("id").asText());
        assertThat(report.path("body").path("code").asText()).isEqualTo("e.p.msg.unsupported");
        assertThat(report.path("body").path("comment").asText()).isNotEmpty();
    }

    @Test
    void aV1OnlyProtocolOverDidcommV2IsUnsupported() {
        ObjectNode report = new TestWalletV2(mediator.did())
                .call(TestWalletV2.message("https://didcomm.org/coordinate-mediation/1.0/mediate-request"));
        assertThat(report.path("body").path("code").asText()).isEqualTo("e.p.msg.unsupported");
    }

    @Test
    void aProblemReportIsNeverAnswered() {
        ObjectNode report = TestWalletV2.message(PROBLEM);
        TestWalletV2.body(report).put("code", "e.p.xfer.cant-use-endpoint").put("comment", "test");
        report.put("pthid", UUID.randomUUID().toString());
        assertThat(TestWalletV2.post(new TestWalletV2(mediator.did()).pack(report))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void discloseListsEveryProtocolOfBothGenerations() {
        ObjectNode queries = TestWalletV2.message("https://didcomm.org/discover-features/2.0/queries");
        TestWalletV2.body(queries)
                .putArray("queries")
                .addObject()
                .put("feature-type", "protocol")
                .put("match", "*");
        ObjectNode disclose = new TestWalletV2(mediator.did()).call(queries);
        assertThat(disclose.path("type").asText()).isEqualTo("https://didcomm.org/discover-features/2.0/disclose");
        assertThat(disclose.path("thid").asText()).isEqualTo(queries.path("id").asText());
        List<String> ids = disclose.path("body").path("disclosures").findValuesAsText("id");
        assertThat(ids)
                .contains(
                        "https://didcomm.org/coordinate-mediation/1.0",
                        "https://didcomm.org/coordinate-mediation/2.0",
                        "https://didcomm.org/coordinate-mediation/3.0",
                        "https://didcomm.org/routing/1.0",
                        "https://didcomm.org/routing/2.0",
                        "https://didcomm.org/messagepickup/1.0",
                        "https://didcomm.org/messagepickup/2.0",
                        "https://didcomm.org/messagepickup/3.0",
                        "https://didcomm.org/message-pickup/4.0",
                        "https://didcomm.org/trust_ping/1.0",
                        "https://didcomm.org/trust-ping/2.0",
                        "https://didcomm.org/discover-features/1.0",
                        "https://didcomm.org/discover-features/2.0",
                        "https://didcomm.org/report-problem/1.0",
                        "https://didcomm.org/report-problem/2.0",
                        "https://didcomm.org/out-of-band/1.1",
                        "https://didcomm.org/out-of-band/2.0",
                        "https://didcomm.org/didexchange/1.1",
                        "https://didcomm.org/connections/1.0");
    }

    @Test
    void garbageWithTheV2MediaTypeIs400() {
        Response response = given().contentType(TestWalletV2.ENCRYPTED)
                .body("{\"protected\":\"eyJ0eXAiOiJhcHBsaWNhdGlvbi9kaWRjb21tLWVuY3J5cHRlZCtqc29uIn0\"}")
                .post("/")
                .andReturn();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).startsWith("e.p.");
    }

    @Test
    void aMessageForSomeoneElseIsUnknownRecipient() {
        TestWalletV2 other = new TestWalletV2(mediator.did());
        byte[] packed = new TestWalletV2(mediator.did())
                .anoncrypt(TestWalletV2.message("https://didcomm.org/trust-ping/2.0/ping"), other.did());
        Response response = TestWalletV2.post(packed);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("e.p.msg.unknown-recipient");
    }

    @Test
    void plaintextAnonymousPingIsAcceptedWithoutAnswer() {
        ObjectNode ping = TestWalletV2.message("https://didcomm.org/trust-ping/2.0/ping");
        Response response = given().contentType("application/didcomm-plain+json")
                .body(ping.toString())
                .post("/")
                .andReturn();
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void withoutReturnRouteTheReplyWaitsInTheSendersMailbox() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        ObjectNode ping = TestWalletV2.message("https://didcomm.org/trust-ping/2.0/ping");
        ping.remove("return_route");
        assertThat(TestWalletV2.post(wallet.pack(ping)).statusCode()).isEqualTo(202);
        ObjectNode request = TestWalletV2.message("https://didcomm.org/messagepickup/3.0/delivery-request");
        TestWalletV2.body(request).put("limit", 10);
        ObjectNode delivery = wallet.call(request);
        String b64 =
                delivery.path("attachments").get(0).path("data").path("base64").asText();
        ObjectNode reply = wallet.unpack(Base64.getUrlDecoder().decode(b64));
        assertThat(reply.path("type").asText()).isEqualTo("https://didcomm.org/trust-ping/2.0/ping-response");
        assertThat(reply.path("thid").asText()).isEqualTo(ping.path("id").asText());
    }

    @Test
    void throughARelayTheAnswerGoesBackOnTheSocket() {
        try (RecordingRelay relay = new RecordingRelay("relay-" + UUID.randomUUID())) {
            TestWalletV2 wallet = new TestWalletV2(mediator.did());
            ObjectNode ping = TestWalletV2.message("https://didcomm.org/trust-ping/2.0/ping");
            ping.remove("return_route");
            assertThat(relay.frame("s1", wallet.pack(ping)).statusCode()).isEqualTo(200);
            ObjectNode response = wallet.unpack(relay.next("s1"));
            assertThat(response.path("type").asText()).isEqualTo("https://didcomm.org/trust-ping/2.0/ping-response");
        }
    }

    @Test
    void invitationV2IsAnOobUrlFromTheMediatorDid() {
        String url = given().queryParam("v", "2").get("/invitation").asString();
        assertThat(url).startsWith("http://127.0.0.1:18080/?_oob=");
        ObjectNode invitation = FlowsV2.parse(Base64.getUrlDecoder()
                .decode(url.substring(url.indexOf("_oob=") + 5).getBytes(StandardCharsets.UTF_8)));
        assertThat(invitation.path("type").asText()).isEqualTo("https://didcomm.org/out-of-band/2.0/invitation");
        assertThat(invitation.path("from").asText()).isEqualTo(mediator.did());
        assertThat(invitation.path("body").path("goal_code").asText()).isEqualTo("request-mediate");
        assertThat(invitation.path("body").path("accept").get(0).asText()).isEqualTo("didcomm/v2");

        ObjectNode json = FlowsV2.parse(given().queryParam("v", "2")
                .accept("application/json")
                .get("/invitation")
                .asByteArray());
        assertThat(json).isEqualTo(invitation);
        ObjectNode byAccept = FlowsV2.parse(given().accept("application/didcomm-plain+json")
                .get("/invitation")
                .asByteArray());
        assertThat(byAccept).isEqualTo(invitation);
        assertThat(given().queryParam("v", "3").get("/invitation").statusCode()).isEqualTo(400);
        assertThat(given().get("/invitation").asString()).contains("?oob=");
    }

    @Test
    void aWalletTalkingToTheDidPeer4IsAnsweredFromIt() {
        String peer4 = mediator.didPeer4();
        assertThat(peer4).startsWith("did:peer:4zQm");
        TestWalletV2 wallet = new TestWalletV2(peer4);
        ObjectNode ping = TestWalletV2.message("https://didcomm.org/trust-ping/2.0/ping");
        ObjectNode response = wallet.call(ping);
        assertThat(response.path("type").asText()).isEqualTo("https://didcomm.org/trust-ping/2.0/ping-response");
        assertThat(response.path("from").asText()).isEqualTo(peer4);
        DidDocument doc =
                new dev.switchboard.didcomm.did.DidPeer4().resolve(peer4).orElseThrow();
        assertThat(doc.services()).hasSize(2);
        assertThat(doc.keyAgreement()).containsExactly(peer4 + "#key-2");
    }

    @Test
    void theMediatorDidListsTheWebSocketThenTheHttpEndpoint() {
        DidDocument doc = DidPeer2.document(mediator.did());
        assertThat(doc.services()).hasSize(2);
        assertThat(doc.services().get(0).type()).isEqualTo("DIDCommMessaging");
        assertThat(doc.services().get(0).endpoint().toString()).isEqualTo("ws://127.0.0.1:18765/ws");
        assertThat(doc.services().get(1).endpoint().toString()).isEqualTo("http://127.0.0.1:18080/");
        assertThat(doc.services().get(0).accept()).containsExactly("didcomm/v2");
        assertThat(doc.keyAgreementMethods()).hasSize(1);
        assertThat(doc.authenticationMethods()).hasSize(1);
    }
}
