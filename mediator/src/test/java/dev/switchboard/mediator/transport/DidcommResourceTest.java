package dev.switchboard.mediator.transport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.RedisTestResource;
import dev.switchboard.mediator.testing.TestWallet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /}: content types, statuses, and the problem reports of the dispatcher itself. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class DidcommResourceTest {
    @Inject
    MediatorIdentity identity;

    @Inject
    MeterRegistry meters;

    @Test
    void unsupportedProtocolGetsProblemReport() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode message = TestWallet.message("https://didcomm.org/unknown-protocol/1.0/hello");
        ObjectNode report = wallet.call(message);
        assertThat(report.path("@type").asText()).isEqualTo("https://didcomm.org/report-problem/1.0/problem-report");
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.msg.unsupported");
        assertThat(report.path("~thread").path("thid").asText())
                .isEqualTo(message.path("@id").asText());
    }

    @Test
    void unsupportedMajorVersionGetsProblemReport() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode report = wallet.call(TestWallet.message("https://didcomm.org/trust_ping/2.0/ping"));
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.msg.unsupported");
    }

    @Test
    void problemReportsAndAcksAreNeverAnswered() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        for (String type : List.of(
                "https://didcomm.org/report-problem/1.0/problem-report",
                "https://didcomm.org/notification/1.0/problem-report",
                "https://didcomm.org/notification/1.0/ack",
                "https://didcomm.org/unknown-protocol/1.0/problem-report",
                "https://didcomm.org/didexchange/1.1/problem_report",
                "https://didcomm.org/coordinate-mediation/1.0/problem-report")) {
            ObjectNode report = TestWallet.message(type);
            report.putObject("description").put("en", "nope").put("code", "e.p.test");
            assertThat(TestWallet.post(wallet.pack(report)).statusCode())
                    .as(type)
                    .isEqualTo(202);
        }
    }

    @Test
    void plaintextWithoutTypeGetsInvalidProblemReport() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode message = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
        message.remove("@type");
        ObjectNode report = wallet.call(message);
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.msg.invalid");
    }

    @Test
    void garbageEnvelopeIs400WithCode() {
        Response response = given().contentType("application/didcomm-envelope-enc")
                .body("{\"protected\":\"nope\"}".getBytes(StandardCharsets.UTF_8))
                .post("/")
                .andReturn();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).startsWith("e.p.");
    }

    @Test
    void envelopeForSomeoneElseIs400UnknownRecipient() {
        ObjectNode ping = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
        TestWallet stranger = new TestWallet(dev.switchboard.mediator.testing.Flows.freshVerkey());
        Response response = TestWallet.post(stranger.pack(ping));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("e.p.msg.unknown-recipient");
    }

    @Test
    void anoncryptedMessageNeedingSenderIs400() {
        ObjectNode request = TestWallet.message("https://didcomm.org/coordinate-mediation/1.0/mediate-request");
        Response response = TestWallet.post(
                TestWallet.anoncrypt(request, List.of(identity.invitationKey().verkey())));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("e.p.trust.not-authenticated");
    }

    @Test
    void acceptsLegacyAndJsonContentTypes() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        for (String type : List.of("application/ssi-agent-wire", "application/json")) {
            Response response = given().contentType(type)
                    .body(wallet.pack(TestWallet.message("https://didcomm.org/trust_ping/1.0/ping")))
                    .post("/")
                    .andReturn();
            assertThat(response.statusCode()).as(type).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("application/didcomm-envelope-enc");
        }
    }

    @Test
    void withoutReturnRouteTheAnswerIsQueuedAnd202() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode ping = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
        ping.remove("~transport");
        assertThat(TestWallet.post(wallet.pack(ping)).statusCode()).isEqualTo(202);
    }

    @Test
    void healthAndMetricsAreUp() {
        given().get("/q/health/ready").then().statusCode(200).body(org.hamcrest.Matchers.containsString("redis"));
        double unsupported = count(PROBLEM_REPORTS, "e.p.msg.unsupported");
        double invalidReports = count(PROBLEM_REPORTS, "e.p.msg.invalid");
        double invalidEnvelopes = count(UNPACK_ERRORS, "e.p.msg.invalid");
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode report = wallet.call(TestWallet.message("https://didcomm.org/unknown-protocol/1.0/hello"));
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.msg.unsupported");
        assertThat(TestWallet.post("{}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(400);
        assertThat(count(PROBLEM_REPORTS, "e.p.msg.unsupported") - unsupported)
                .as("the registry's unsupported report, answered in the HTTP body")
                .isEqualTo(1.0);
        assertThat(count(UNPACK_ERRORS, "e.p.msg.invalid") - invalidEnvelopes).isEqualTo(1.0);
        assertThat(count(PROBLEM_REPORTS, "e.p.msg.invalid") - invalidReports)
                .as("the HTTP 400 refusal of the envelope")
                .isEqualTo(1.0);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("switchboard_problem_reports_total{code=\"e.p.msg.unsupported\"")
                .contains("switchboard_problem_reports_total{code=\"e.p.msg.invalid\"")
                .contains("switchboard_unpack_errors_total{code=\"e.p.msg.invalid\"");
    }

    @Test
    void everyAnsweredProblemIsCountedOnceUnderItsCode() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        double invalid = count(PROBLEM_REPORTS, "e.p.msg.invalid");
        ObjectNode untyped = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
        untyped.remove("@type");
        wallet.call(untyped); // the dispatcher's own (unthreaded) report
        assertThat(count(PROBLEM_REPORTS, "e.p.msg.invalid") - invalid).isEqualTo(1.0);

        double notAuthenticated = count(PROBLEM_REPORTS, "e.p.trust.not-authenticated");
        ObjectNode request = TestWallet.message("https://didcomm.org/coordinate-mediation/1.0/mediate-request");
        assertThat(TestWallet.post(TestWallet.anoncrypt(
                                request, List.of(identity.invitationKey().verkey())))
                        .statusCode())
                .isEqualTo(400);
        assertThat(count(PROBLEM_REPORTS, "e.p.trust.not-authenticated") - notAuthenticated)
                .as("a handler's problem refused as HTTP 400 (anonymous sender)")
                .isEqualTo(1.0);

        double unknownRecipient = count(PROBLEM_REPORTS, "e.p.msg.unknown-recipient");
        TestWallet stranger = new TestWallet(dev.switchboard.mediator.testing.Flows.freshVerkey());
        TestWallet.post(stranger.pack(TestWallet.message("https://didcomm.org/trust_ping/1.0/ping")));
        assertThat(count(PROBLEM_REPORTS, "e.p.msg.unknown-recipient") - unknownRecipient)
                .as("an envelope refused before it is opened")
                .isEqualTo(1.0);
    }

    private static final String PROBLEM_REPORTS = "switchboard.problem.reports";
    private static final String UNPACK_ERRORS = "switchboard.unpack.errors";

    private double count(String name, String code) {
        Counter counter = meters.find(name).tag("code", code).counter();
        return counter == null ? 0 : counter.count();
    }
}
