package dev.switchboard.mediator.protocol.coordinatemediation.v3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.TestWalletV2;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Coordinate mediation 3.0: routing_did array, recipient-update, recipient-query -> recipient. */
@QuarkusTest
class CoordinateMediationV3HandlerTest {
    private static final String CM3 = "https://didcomm.org/coordinate-mediation/3.0/";

    @Inject
    MediatorDid mediator;

    @Test
    void grantCarriesRoutingDidArray() {
        ObjectNode grant = new TestWalletV2(mediator.did()).call(TestWalletV2.message(CM3 + "mediate-request"));
        assertThat(grant.path("type").asText()).isEqualTo(CM3 + "mediate-grant");
        assertThat(grant.path("body").path("routing_did").isArray()).isTrue();
        assertThat(grant.path("body").path("routing_did").get(0).asText()).isEqualTo(mediator.did());
    }

    @Test
    void recipientUpdateAndQuery() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        wallet.call(TestWalletV2.message(CM3 + "mediate-request"));
        String a = new TestWalletV2(mediator.did()).did();
        String b = "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH";
        ObjectNode update = TestWalletV2.message(CM3 + "recipient-update");
        ArrayNode updates = TestWalletV2.body(update).putArray("updates");
        updates.addObject().put("recipient_did", a).put("action", "add");
        updates.addObject().put("recipient_did", b).put("action", "add");
        ObjectNode response = wallet.call(update);
        assertThat(response.path("type").asText()).isEqualTo(CM3 + "recipient-update-response");
        assertThat(response.path("body").path("updated").get(0).path("result").asText())
                .isEqualTo("success");
        assertThat(response.path("body").path("updated").get(1).path("result").asText())
                .isEqualTo("success");

        ObjectNode query = TestWalletV2.message(CM3 + "recipient-query");
        TestWalletV2.body(query).putObject("paginate").put("limit", 1).put("offset", 0);
        ObjectNode page = wallet.call(query);
        assertThat(page.path("type").asText()).isEqualTo(CM3 + "recipient");
        assertThat(page.path("body").path("dids")).hasSize(1);
        assertThat(page.path("body").path("pagination").path("remaining").asInt())
                .isEqualTo(1);
        ObjectNode all = wallet.call(TestWalletV2.message(CM3 + "recipient-query"));
        assertThat(all.path("body").path("dids").findValuesAsText("recipient_did"))
                .containsExactlyInAnyOrder(a, b);
    }

    @Test
    void recipientQueryWithBadPaginationIsInvalid() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        wallet.call(TestWalletV2.message(CM3 + "mediate-request"));
        ObjectNode query = TestWalletV2.message(CM3 + "recipient-query");
        TestWalletV2.body(query).putObject("paginate").put("limit", 0);
        assertThat(wallet.call(query).path("body").path("code").asText()).isEqualTo("e.p.msg.invalid");
    }

    @Test
    void coordinateMediation2KeylistUpdateSeesTheSameList() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        wallet.call(TestWalletV2.message(CM3 + "mediate-request"));
        String recipient = new TestWalletV2(mediator.did()).did();
        FlowsV2.register(wallet, recipient);
        ObjectNode all = wallet.call(TestWalletV2.message(CM3 + "recipient-query"));
        assertThat(all.path("body").path("dids").findValuesAsText("recipient_did"))
                .containsExactly(recipient);
    }
}
