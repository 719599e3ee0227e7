package dev.switchboard.mediator.protocol.outofband.v1;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code GET /invitation} and out-of-band handshake reuse (RFC 0434). */
@QuarkusTest
class InvitationResourceTest {
    @Inject
    MediatorIdentity identity;

    @Test
    void textIsTheOobUrlOfTheJsonInvitation() {
        Response text = given().get("/invitation").andReturn();
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.contentType()).startsWith("text/plain");
        String url = text.asString();
        assertThat(url).startsWith("http://127.0.0.1:18080/?oob=");
        ObjectNode fromUrl = TestWallet.parse(Base64.getUrlDecoder().decode(url.substring(url.indexOf("oob=") + 4)));

        Response json = given().accept("application/json").get("/invitation").andReturn();
        assertThat(json.contentType()).startsWith("application/json");
        ObjectNode invitation = TestWallet.parse(json.asByteArray());
        assertThat(invitation).isEqualTo(fromUrl);
        assertThat(invitation.path("@type").asText()).isEqualTo("https://didcomm.org/out-of-band/1.1/invitation");
        assertThat(invitation.path("handshake_protocols").get(0).asText())
                .isEqualTo("https://didcomm.org/didexchange/1.1");
        assertThat(invitation.path("services")).hasSize(2);
        assertThat(invitation.path("services").get(0).path("serviceEndpoint").asText())
                .isEqualTo("ws://127.0.0.1:18765/ws");
        assertThat(invitation.path("services").get(1).path("serviceEndpoint").asText())
                .isEqualTo("http://127.0.0.1:18080/");
        assertThat(invitation
                        .path("services")
                        .get(0)
                        .path("recipientKeys")
                        .get(0)
                        .asText())
                .isEqualTo(identity.invitationKey().didKey());
    }

    @Test
    void handshakeReuseIsAccepted() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode reuse = TestWallet.message("https://didcomm.org/out-of-band/1.1/handshake-reuse");
        String invitationId =
                given().accept("application/json").get("/invitation").jsonPath().getString("'@id'");
        reuse.putObject("~thread").put("thid", reuse.path("@id").asText()).put("pthid", invitationId);
        ObjectNode accepted = wallet.call(reuse);
        assertThat(accepted.path("@type").asText())
                .isEqualTo("https://didcomm.org/out-of-band/1.1/handshake-reuse-accepted");
        assertThat(accepted.path("~thread").path("thid").asText())
                .isEqualTo(reuse.path("@id").asText());
        assertThat(accepted.path("~thread").path("pthid").asText()).isEqualTo(invitationId);
    }
}
