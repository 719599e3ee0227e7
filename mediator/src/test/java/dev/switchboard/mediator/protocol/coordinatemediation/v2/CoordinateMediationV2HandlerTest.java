package dev.switchboard.mediator.protocol.coordinatemediation.v2;

import static dev.switchboard.mediator.testing.FlowsV2.CM2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.TestWalletV2;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Coordinate mediation 2.0 over DIDComm v2, after the coordination scenarios of the DIDComm v2 mediator test
 * suite: mediate-request -> grant with routing_did, keylist-update add/remove/no_change/client_error,
 * keylist-query, and refusals before a grant.
 */
@QuarkusTest
class CoordinateMediationV2HandlerTest {
    @Inject
    MediatorDid mediator;

    @Test
    void mediateRequestIsGrantedWithTheMediatorsRoutingDid() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        ObjectNode request = TestWalletV2.message(CM2 + "mediate-request");
        ObjectNode grant = wallet.call(request);
        assertThat(grant.path("type").asText()).isEqualTo(CM2 + "mediate-grant");
        assertThat(grant.path("thid").asText()).isEqualTo(request.path("id").asText());
        assertThat(grant.path("from").asText()).isEqualTo(mediator.did());
        assertThat(grant.path("to").get(0).asText()).isEqualTo(wallet.did());
        assertThat(grant.path("body").path("routing_did").asText()).isEqualTo(mediator.did());
        assertThat(mediator.did()).startsWith("did:peer:2.V");
    }

    @Test
    void keylistUpdateAddsRemovesAndReportsEachResult() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        String recipient = new TestWalletV2(mediator.did()).did();
        ObjectNode update = TestWalletV2.message(CM2 + "keylist-update");
        ArrayNode updates = TestWalletV2.body(update).putArray("updates");
        updates.addObject().put("recipient_did", recipient).put("action", "add");
        updates.addObject().put("recipient_did", recipient).put("action", "add");
        updates.addObject().put("recipient_did", "not-a-did").put("action", "add");
        updates.addObject().put("recipient_did", recipient).put("action", "explode");
        ObjectNode response = wallet.call(update);
        assertThat(response.path("type").asText()).isEqualTo(CM2 + "keylist-update-response");
        ArrayNode updated = (ArrayNode) response.path("body").path("updated");
        assertThat(updated).hasSize(4);
        assertThat(updated.get(0).path("result").asText()).isEqualTo("success");
        assertThat(updated.get(0).path("recipient_did").asText()).isEqualTo(recipient);
        assertThat(updated.get(1).path("result").asText()).isEqualTo("no_change");
        assertThat(updated.get(2).path("result").asText()).isEqualTo("client_error");
        assertThat(updated.get(3).path("result").asText()).isEqualTo("client_error");

        ObjectNode keylist = wallet.call(TestWalletV2.message(CM2 + "keylist-query"));
        assertThat(keylist.path("type").asText()).isEqualTo(CM2 + "keylist");
        assertThat(keylist.path("body").path("keys")).hasSize(1);
        assertThat(keylist.path("body")
                        .path("keys")
                        .get(0)
                        .path("recipient_did")
                        .asText())
                .isEqualTo(recipient);
        assertThat(keylist.path("body").path("pagination").path("remaining").asInt())
                .isZero();

        ObjectNode remove = TestWalletV2.message(CM2 + "keylist-update");
        TestWalletV2.body(remove)
                .putArray("updates")
                .addObject()
                .put("recipient_did", recipient)
                .put("action", "remove");
        assertThat(wallet.call(remove)
                        .path("body")
                        .path("updated")
                        .get(0)
                        .path("result")
                        .asText())
                .isEqualTo("success");
        assertThat(wallet.call(TestWalletV2.message(CM2 + "keylist-query"))
                        .path("body")
                        .path("keys"))
                .isEmpty();
    }

    @Test
    void aDidRegisteredByAnotherWalletIsAClientError() {
        TestWalletV2 first = FlowsV2.mediatedWallet(mediator);
        TestWalletV2 second = FlowsV2.mediatedWallet(mediator);
        String recipient = new TestWalletV2(mediator.did()).did();
        FlowsV2.register(first, recipient);
        ObjectNode update = TestWalletV2.message(CM2 + "keylist-update");
        TestWalletV2.body(update)
                .putArray("updates")
                .addObject()
                .put("recipient_did", recipient)
                .put("action", "add");
        assertThat(second.call(update)
                        .path("body")
                        .path("updated")
                        .get(0)
                        .path("result")
                        .asText())
                .isEqualTo("client_error");
    }

    @Test
    void keylistUpdateWithoutGrantIsAProblemReport() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        ObjectNode update = TestWalletV2.message(CM2 + "keylist-update");
        TestWalletV2.body(update).putArray("updates");
        ObjectNode report = wallet.call(update);
        assertThat(report.path("type").asText()).isEqualTo("https://didcomm.org/report-problem/2.0/problem-report");
        assertThat(report.path("pthid").asText()).isEqualTo(update.path("id").asText());
        assertThat(report.path("body").path("code").asText()).isEqualTo("e.p.req.mediation-not-granted");
    }

    @Test
    void keylistQueryWithoutGrantIsAProblemReport() {
        ObjectNode report = new TestWalletV2(mediator.did()).call(TestWalletV2.message(CM2 + "keylist-query"));
        assertThat(report.path("body").path("code").asText()).isEqualTo("e.p.req.mediation-not-granted");
    }

    @Test
    void unknownMessageOfTheProtocolIsUnsupported() {
        ObjectNode report = FlowsV2.mediatedWallet(mediator).call(TestWalletV2.message(CM2 + "mediate-deny"));
        assertThat(report.path("body").path("code").asText()).isEqualTo("e.p.msg.unsupported");
    }
}
