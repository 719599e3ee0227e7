package dev.switchboard.mediator.protocol.routing.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing 1.0 forward over HTTP: stored before 202, refused without leaking, de-duplicated. */
@QuarkusTest
class RoutingV1HandlerTest {
    private static final String PICKUP = "https://didcomm.org/messagepickup/2.0/";

    @Inject
    MediatorIdentity identity;

    @Test
    void forwardIsStoredThen202() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        ObjectNode inner = Flows.innerEnvelope();
        Response response = TestWallet.post(Flows.forward(identity, key, inner));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(Flows.pendingCount(wallet)).isEqualTo(1);
        ObjectNode request = TestWallet.message(PICKUP + "delivery-request");
        request.put("limit", 10);
        ObjectNode delivery = wallet.call(request);
        assertThat(delivery.path("~attach").get(0).path("data").path("json")).isEqualTo(inner);
    }

    @Test
    void rawVerkeyAndStringMsgAreAccepted() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        ObjectNode forward = TestWallet.message("https://didcomm.org/routing/1.0/forward");
        forward.put("to", Ed25519Keys.toVerkey(key));
        forward.put("msg", new String(TestWallet.bytes(Flows.innerEnvelope())));
        Response response = TestWallet.post(
                TestWallet.anoncrypt(forward, List.of(identity.routingKey().verkey())));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(Flows.pendingCount(wallet)).isEqualTo(1);
    }

    @Test
    void retriedForwardIsStoredOnce() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        ObjectNode inner = Flows.innerEnvelope();
        assertThat(TestWallet.post(Flows.forward(identity, key, inner)).statusCode())
                .isEqualTo(202);
        assertThat(TestWallet.post(Flows.forward(identity, key, inner)).statusCode())
                .isEqualTo(202);
        assertThat(Flows.pendingCount(wallet)).isEqualTo(1);
    }

    @Test
    void unknownKeyAndMalformedForwardAreRefusedAlike() {
        String unknown = Ed25519Keys.didKey(Flows.freshVerkey());
        Response toUnknown = TestWallet.post(Flows.forward(identity, unknown, Flows.innerEnvelope()));
        ObjectNode noMsg = TestWallet.message("https://didcomm.org/routing/1.0/forward");
        noMsg.put("to", Ed25519Keys.didKey(identity.routingKey().verkey()));
        Response malformed = TestWallet.post(
                TestWallet.anoncrypt(noMsg, List.of(identity.routingKey().verkey())));
        assertThat(toUnknown.statusCode()).isEqualTo(400);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(toUnknown.asString()).isEqualTo(malformed.asString()).doesNotContain(unknown);
        assertThat(toUnknown.jsonPath().getString("code")).isEqualTo("e.p.msg.forward-refused");
    }

    @Test
    void removedKeyNoLongerRoutes() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        ObjectNode update = TestWallet.message("https://didcomm.org/coordinate-mediation/1.0/keylist-update");
        update.putArray("updates").addObject().put("recipient_key", key).put("action", "remove");
        wallet.call(update);
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(400);
    }
}
