package dev.switchboard.mediator.protocol.trustping.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.testing.TestWalletV2;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Trust ping 2.0, after the ping scenarios of the DIDComm v2 mediator test suite. */
@QuarkusTest
class TrustPingV2HandlerTest {
    private static final String PING = "https://didcomm.org/trust-ping/2.0/";

    @Inject
    MediatorDid mediator;

    @Test
    void pingIsAnsweredWithAThreadedPingResponse() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        ObjectNode ping = TestWalletV2.message(PING + "ping");
        TestWalletV2.body(ping).put("response_requested", true);
        ObjectNode response = wallet.call(ping);
        assertThat(response.path("type").asText()).isEqualTo(PING + "ping-response");
        assertThat(response.path("thid").asText()).isEqualTo(ping.path("id").asText());
        assertThat(response.path("from").asText()).isEqualTo(mediator.did());
    }

    @Test
    void pingWithoutResponseRequestedIsAcceptedSilently() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        ObjectNode ping = TestWalletV2.message(PING + "ping");
        TestWalletV2.body(ping).put("response_requested", false);
        assertThat(TestWalletV2.post(wallet.pack(ping)).statusCode()).isEqualTo(202);
    }

    @Test
    void pingWithoutReturnRouteOverHttpGetsNoBody() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        ObjectNode ping = TestWalletV2.message(PING + "ping");
        ping.remove("return_route");
        assertThat(TestWalletV2.post(wallet.pack(ping)).statusCode()).isEqualTo(202);
    }
}
