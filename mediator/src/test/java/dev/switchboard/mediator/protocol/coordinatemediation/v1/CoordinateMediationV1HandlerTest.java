package dev.switchboard.mediator.protocol.coordinatemediation.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coordinate mediation 1.0 (RFC 0211), mediator role. */
@QuarkusTest
class CoordinateMediationV1HandlerTest {
    private static final String CM = "https://didcomm.org/coordinate-mediation/1.0/";

    @Inject
    MediatorIdentity identity;

    private static ObjectNode update(String key, String action) {
        ObjectNode update = TestWallet.message(CM + "keylist-update");
        update.putArray("updates").addObject().put("recipient_key", key).put("action", action);
        return update;
    }

    @Test
    void grantCarriesEndpointAndRoutingKeyAndIsIdempotent() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode request = TestWallet.message(CM + "mediate-request");
        ObjectNode grant = wallet.call(request);
        assertThat(grant.path("@type").asText()).isEqualTo(CM + "mediate-grant");
        assertThat(grant.path("~thread").path("thid").asText())
                .isEqualTo(request.path("@id").asText());
        assertThat(grant.path("endpoint").asText()).isEqualTo("http://127.0.0.1:18080/");
        assertThat(grant.path("routing_keys").get(0).asText())
                .isEqualTo(identity.routingKey().didKey());
        ObjectNode again = wallet.call(
                TestWallet.message("did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/coordinate-mediation/1.0/mediate-request"));
        assertThat(again.path("@type").asText()).isEqualTo(CM + "mediate-grant");
        assertThat(again.path("routing_keys")).isEqualTo(grant.path("routing_keys"));
    }

    @Test
    void keylistUpdateWithoutGrantIsRefused() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode report = wallet.call(update(Ed25519Keys.didKey(Flows.freshVerkey()), "add"));
        assertThat(report.path("@type").asText()).isEqualTo("https://didcomm.org/report-problem/1.0/problem-report");
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.req.mediation-not-granted");
    }

    @Test
    void keylistQueryWithoutGrantIsRefused() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode report = wallet.call(TestWallet.message(CM + "keylist-query"));
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.req.mediation-not-granted");
    }

    @Test
    void keylistUpdateResultsEchoTheReceivedForm() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String raw = Flows.freshVerkey();
        String didKey = Ed25519Keys.didKey(Flows.freshVerkey());
        ObjectNode update = TestWallet.message(CM + "keylist-update");
        ArrayNode updates = update.putArray("updates");
        updates.addObject().put("recipient_key", raw).put("action", "add");
        updates.addObject().put("recipient_key", didKey).put("action", "add");
        updates.addObject().put("recipient_key", Ed25519Keys.didKey(raw)).put("action", "add");
        updates.addObject().put("recipient_key", "not-a-key").put("action", "add");
        updates.addObject()
                .put("recipient_key", Ed25519Keys.didKey(Flows.freshVerkey()))
                .put("action", "remove");
        updates.addObject().put("recipient_key", raw).put("action", "explode");
        ObjectNode response = wallet.call(update);
        assertThat(response.path("@type").asText()).isEqualTo(CM + "keylist-update-response");
        List<String> results = new ArrayList<>();
        for (JsonNode u : response.path("updated")) {
            results.add(u.path("recipient_key").asText() + " "
                    + u.path("action").asText() + " " + u.path("result").asText());
        }
        assertThat(results)
                .containsExactly(
                        raw + " add success",
                        didKey + " add success",
                        Ed25519Keys.didKey(raw) + " add no_change",
                        "not-a-key add client_error",
                        updates.get(4).path("recipient_key").asText() + " remove no_change",
                        raw + " explode client_error");
        ObjectNode removed = wallet.call(update(raw, "remove"));
        assertThat(removed.path("updated").get(0).path("result").asText()).isEqualTo("success");
    }

    @Test
    void keyOfAnotherConnectionIsAClientError() {
        TestWallet alice = Flows.mediatedWallet(identity);
        TestWallet mallory = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(alice);
        ObjectNode response = mallory.call(update(key, "add"));
        assertThat(response.path("updated").get(0).path("result").asText()).isEqualTo("client_error");
    }

    @Test
    void keylistQueryPaginates() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(Flows.registerRecipientKey(wallet));
        }
        ObjectNode all = wallet.call(TestWallet.message(CM + "keylist-query"));
        assertThat(all.path("@type").asText()).isEqualTo(CM + "keylist");
        List<String> listed = new ArrayList<>();
        all.path("keys").forEach(k -> listed.add(k.path("recipient_key").asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(all.path("pagination").path("count").asInt()).isEqualTo(3);

        ObjectNode query = TestWallet.message(CM + "keylist-query");
        query.putObject("paginate").put("limit", 2).put("offset", 1);
        ObjectNode page = wallet.call(query);
        assertThat(page.path("keys")).hasSize(2);
        assertThat(page.path("pagination").path("offset").asInt()).isEqualTo(1);
        assertThat(page.path("pagination").path("remaining").asInt()).isZero();
    }

    @Test
    void badPaginationAndMissingUpdatesAreInvalid() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        ObjectNode query = TestWallet.message(CM + "keylist-query");
        query.putObject("paginate").put("limit", 0);
        assertThat(wallet.call(query).path("description").path("code").asText()).isEqualTo("e.p.msg.invalid");
        assertThat(wallet.call(TestWallet.message(CM + "keylist-update"))
                        .path("description")
                        .path("code")
                        .asText())
                .isEqualTo("e.p.msg.invalid");
    }

    @Test
    void mediatorSideMessagesAreRefused() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode report = wallet.call(TestWallet.message(CM + "mediate-grant"));
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.msg.unsupported");
    }
}
