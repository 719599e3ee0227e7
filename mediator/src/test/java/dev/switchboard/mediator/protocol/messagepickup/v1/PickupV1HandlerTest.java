package dev.switchboard.mediator.protocol.messagepickup.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Message pickup 1.0 (RFC 0212) batch pickup. */
@QuarkusTest
class PickupV1HandlerTest {
    private static final String PICKUP = "https://didcomm.org/messagepickup/1.0/";

    @Inject
    MediatorIdentity identity;

    private static ObjectNode batchPickup(int size) {
        ObjectNode request = TestWallet.message(PICKUP + "batch-pickup");
        request.put("batch_size", size);
        return request;
    }

    @Test
    void batchHandsOutOldestFirstAndDeletes() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        ObjectNode first = Flows.innerEnvelope();
        ObjectNode second = Flows.innerEnvelope();
        TestWallet.post(Flows.forward(identity, key, first));
        TestWallet.post(Flows.forward(identity, key, second));

        ObjectNode batch = wallet.call(batchPickup(1));
        assertThat(batch.path("@type").asText()).isEqualTo(PICKUP + "batch");
        assertThat(batch.path("messages~attach")).hasSize(1);
        assertThat(batch.path("messages~attach").get(0).path("message")).isEqualTo(first);
        ObjectNode rest = wallet.call(batchPickup(10));
        assertThat(rest.path("messages~attach").get(0).path("message")).isEqualTo(second);
        assertThat(wallet.call(batchPickup(10)).path("messages~attach")).isEmpty();
    }

    @Test
    void withoutMediationIsRefused() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        assertThat(wallet.call(batchPickup(1)).path("description").path("code").asText())
                .isEqualTo("e.p.req.mediation-not-granted");
    }

    @Test
    void badBatchSizeIsInvalid() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        assertThat(wallet.call(batchPickup(-1)).path("description").path("code").asText())
                .isEqualTo("e.p.msg.invalid");
    }
}
