package dev.switchboard.mediator.protocol;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.socketdock.protocol.ConnectEvent;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rows of {@code mediator/docs/problem-reports.md} (DIDComm v1 table) that no protocol handler test covers:
 * failures of the envelope and the dispatcher, and the relay backend's refusals. Each test asserts the row's
 * HTTP status and code.
 */
@QuarkusTest
class ProblemReportsV1Test {
    private static final String PING = "https://didcomm.org/trust_ping/1.0/ping";

    @Inject
    MediatorIdentity identity;

    @Inject
    MediatorConfig config;

    private static void assertRefused(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        assertThat(response.jsonPath().getString("description")).isNotBlank();
    }

    private TestWallet wallet() {
        return new TestWallet(identity.invitationKey().verkey());
    }

    @Test
    void messageLargerThanTheLimitIs413OverHttpAndOnASocket() {
        byte[] big = new byte[config.maxMessageBytes() + 1];
        Arrays.fill(big, (byte) 'x');
        assertRefused(TestWallet.post(big), 413, "e.p.msg.too-big");
        try (RecordingRelay relay = new RecordingRelay("relay-too-big")) {
            // the relay is answered 413 too (so it can close 1009), and the socket stays served
            assertThat(relay.frame("big", big).statusCode()).isEqualTo(413);
            TestWallet wallet = wallet();
            assertThat(relay.frame("big", wallet.pack(TestWallet.message(PING))).statusCode())
                    .isEqualTo(200);
            assertThat(wallet.unpack(relay.next("big")).path("@type").asText())
                    .as("the socket is still served")
                    .isEqualTo("https://didcomm.org/trust_ping/1.0/ping_response");
        }
    }

    @Test
    void notAnEnvelopeIs400Invalid() {
        for (String body : List.of("{\"protected\":\"nope\"}", "not json", "{\"protected\":\"%%%\",\"iv\":1}")) {
            assertRefused(TestWallet.post(body.getBytes(StandardCharsets.UTF_8)), 400, "e.p.msg.invalid");
        }
    }

    @Test
    void tamperedCiphertextIs400Crypto() {
        ObjectNode envelope = TestWallet.parse(wallet().pack(TestWallet.message(PING)));
        String ciphertext = envelope.path("ciphertext").asText();
        char first = ciphertext.charAt(0);
        envelope.put("ciphertext", (first == 'A' ? 'B' : 'A') + ciphertext.substring(1));
        assertRefused(TestWallet.post(TestWallet.bytes(envelope)), 400, "e.p.trust.crypto");
    }

    @Test
    void unsupportedEnvelopeAlgorithmIs400Unsupported() {
        ObjectNode envelope = TestWallet.parse(wallet().pack(TestWallet.message(PING)));
        ObjectNode header = TestWallet.parse(
                Base64.getUrlDecoder().decode(envelope.path("protected").asText()));
        header.put("alg", "ECDH-1PU+A256KW");
        envelope.put("protected", Base64.getUrlEncoder().withoutPadding().encodeToString(TestWallet.bytes(header)));
        assertRefused(TestWallet.post(TestWallet.bytes(envelope)), 400, "e.p.msg.unsupported");
    }

    @Test
    void anonymousPlaintextWithoutTypeIs400Invalid() {
        ObjectNode message = TestWallet.message(PING);
        message.remove("@type");
        byte[] packed =
                TestWallet.anoncrypt(message, List.of(identity.invitationKey().verkey()));
        assertRefused(TestWallet.post(packed), 400, "e.p.msg.invalid");
    }

    @Test
    void anonymousMessagesNeedingASenderAre400AndAnAnonymousPingIsAcceptedUnanswered() {
        List<String> recipients = List.of(identity.invitationKey().verkey());
        for (String type : List.of(
                "https://didcomm.org/messagepickup/1.0/batch-pickup",
                "https://didcomm.org/messagepickup/2.0/status-request",
                "https://didcomm.org/coordinate-mediation/1.0/keylist-query",
                "https://didcomm.org/didexchange/1.1/request")) {
            assertRefused(
                    TestWallet.post(TestWallet.anoncrypt(TestWallet.message(type), recipients)),
                    400,
                    "e.p.trust.not-authenticated");
        }
        Response ping = TestWallet.post(TestWallet.anoncrypt(TestWallet.message(PING), recipients));
        assertThat(ping.statusCode()).isEqualTo(202);
        assertThat(ping.asByteArray()).isEmpty();
    }

    @Test
    void aDidcommV2OnlyProtocolInAV1EnvelopeIsUnsupported() {
        ObjectNode report = wallet().call(TestWallet.message("https://didcomm.org/messagepickup/3.0/status-request"));
        assertThat(report.path("@type").asText()).isEqualTo("https://didcomm.org/report-problem/1.0/problem-report");
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.msg.unsupported");
    }

    @Test
    void relayPostsWithoutTokenAre401AndMalformedEventsAre400() {
        try (RecordingRelay relay = new RecordingRelay("relay-refusals")) {
            byte[] connect = SocketDockJson.write(new ConnectEvent(relay.meta("c1")));
            Response unsigned = given().contentType("application/json")
                    .body(connect)
                    .post("/socketdock/connect")
                    .andReturn();
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(unsigned.jsonPath().getString("code")).isEqualTo("unauthorized");
            Response malformed = relay.post("/socketdock/message", "{\"meta\":{}}".getBytes(StandardCharsets.UTF_8));
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.jsonPath().getString("code")).isEqualTo("malformed");
        }
    }
}
