package dev.switchboard.mediator.transport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.socketdock.protocol.ConnectEvent;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay backend: authentication, SocketDock shapes, implicit-mode delivery. */
@QuarkusTest
class SocketDockResourceTest {
    @Inject
    MediatorIdentity identity;

    RecordingRelay relay;

    @BeforeEach
    void start() {
        relay = new RecordingRelay("relay-sd");
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void unsignedOrBadlySignedPostsAre401() {
        byte[] body = SocketDockJson.write(new ConnectEvent(relay.meta("c1")));
        given().contentType("application/json")
                .body(body)
                .post("/socketdock/connect")
                .then()
                .statusCode(401);
        given().contentType("application/json")
                .header("Authorization", "Bearer not.a.token")
                .body(body)
                .post("/socketdock/connect")
                .then()
                .statusCode(401);
        assertThat(relay.post("/socketdock/connect", body).statusCode()).isEqualTo(200);
    }

    @Test
    void originalSocketDockShapesAreAccepted() {
        String connect = "{\"meta\":{\"connection_id\":\"c2\",\"send\":\"http://127.0.0.1:1/socket/c2/send\","
                + "\"disconnect\":\"http://127.0.0.1:1/socket/c2/disconnect\",\"headers\":{}}}";
        assertThat(relay.post("/socketdock/connect", connect.getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
        assertThat(relay.post("/socketdock/disconnect", "{\"connection_id\":\"c2\"}".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void malformedEventIs400() {
        assertThat(relay.post("/socketdock/message", "{\"meta\":{}}".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void garbageFrameKeepsTheSocket() {
        assertThat(relay.frame("c3", "hello".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        assertThat(relay.frame("c3", wallet.pack(TestWallet.message("https://didcomm.org/trust_ping/1.0/ping")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(wallet.unpack(relay.next("c3")).path("@type").asText())
                .isEqualTo("https://didcomm.org/trust_ping/1.0/ping_response");
    }

    @Test
    void anOversizedFrameIsAnswered413() {
        // over switchboard.mediator.max-message-bytes (1 MiB), under the HTTP body limit: the relay is told, so it
        // can close the socket 1009 instead of the frame vanishing behind a 200 (issue 13, hole 9)
        byte[] frame = new byte[1_048_577];
        java.util.Arrays.fill(frame, (byte) 'a');
        io.restassured.response.Response response = relay.frame("c-big", frame);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.jsonPath().getString("code")).isEqualTo("e.p.msg.too-big");
        // the socket is still usable for a message of a fitting size
        assertThat(relay.frame("c-big", "hello".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void implicitModeGetsForwardsWrittenToItsSocket() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        ObjectNode ping = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
        ping.put("response_requested", false);
        assertThat(relay.frame("c4", wallet.pack(ping)).statusCode()).isEqualTo(200);
        ObjectNode inner = Flows.innerEnvelope();
        assertThat(TestWallet.post(Flows.forward(identity, key, inner)).statusCode())
                .isEqualTo(202);
        assertThat(TestWallet.parse(relay.next("c4"))).isEqualTo(inner);
    }

    @Test
    void heartbeatIsAccepted() {
        byte[] beat = ("{\"instance_id\":\"relay-sd\",\"endpoint\":\"http://127.0.0.1:1\",\"connections\":0,"
                        + "\"started_at\":\"2026-11-21T20:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(relay.post("/socketdock/heartbeat", beat).statusCode()).isEqualTo(200);
    }
}
