package dev.switchboard.mediator.protocol.trustping.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TrustPingV1HandlerTest {
    @Inject
    MediatorIdentity identity;

    @Test
    void pingGetsThreadedResponse() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode ping = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
        ObjectNode response = wallet.call(ping);
        assertThat(response.path("@type").asText()).isEqualTo("https://didcomm.org/trust_ping/1.0/ping_response");
        assertThat(response.path("~thread").path("thid").asText())
                .isEqualTo(ping.path("@id").asText());
    }

    @Test
    void legacyPrefixIsAccepted() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode response =
                wallet.call(TestWallet.message("did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/trust_ping/1.0/ping"));
        assertThat(response.path("@type").asText()).isEqualTo("https://didcomm.org/trust_ping/1.0/ping_response");
    }

    @Test
    void noResponseWhenNotRequested() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode ping = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
        ping.put("response_requested", false);
        assertThat(TestWallet.post(wallet.pack(ping)).statusCode()).isEqualTo(202);
    }

    @Test
    void unknownMessageOfTheProtocolGetsProblemReport() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode report = wallet.call(TestWallet.message("https://didcomm.org/trust_ping/1.0/pong"));
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.msg.unsupported");
    }
}
