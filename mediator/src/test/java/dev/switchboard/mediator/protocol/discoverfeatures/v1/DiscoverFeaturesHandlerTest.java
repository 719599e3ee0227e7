package dev.switchboard.mediator.protocol.discoverfeatures.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discover features 1.0 and 2.0. */
@QuarkusTest
class DiscoverFeaturesHandlerTest {
    @Inject
    MediatorIdentity identity;

    private List<String> pids(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(p -> out.add(p.path(field).asText()));
        return out;
    }

    @Test
    void credoPickupProbesAreAnsweredExactly() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        for (String probe : List.of("https://didcomm.org/messagepickup/2.0", "https://didcomm.org/messagepickup/1.0")) {
            ObjectNode query = TestWallet.message("https://didcomm.org/discover-features/1.0/query");
            query.put("query", probe);
            ObjectNode disclose = wallet.call(query);
            assertThat(disclose.path("@type").asText()).isEqualTo("https://didcomm.org/discover-features/1.0/disclose");
            assertThat(disclose.path("~thread").path("thid").asText())
                    .isEqualTo(query.path("@id").asText());
            assertThat(pids(disclose.path("protocols"), "pid")).containsExactly(probe);
            assertThat(disclose.path("protocols").get(0).path("roles").get(0).asText())
                    .isEqualTo("mediator");
        }
    }

    @Test
    void wildcardListsServedProtocols() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode query = TestWallet.message("https://didcomm.org/discover-features/1.0/query");
        query.put("query", "https://didcomm.org/*");
        assertThat(pids(wallet.call(query).path("protocols"), "pid"))
                .contains(
                        "https://didcomm.org/coordinate-mediation/1.0",
                        "https://didcomm.org/routing/1.0",
                        "https://didcomm.org/messagepickup/2.0",
                        "https://didcomm.org/trust_ping/1.0",
                        "https://didcomm.org/didexchange/1.1");
    }

    @Test
    void unservedProtocolDisclosesNothing() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode query = TestWallet.message("https://didcomm.org/discover-features/1.0/query");
        query.put("query", "https://didcomm.org/messagepickup/3.0");
        assertThat(wallet.call(query).path("protocols")).isEmpty();
    }

    @Test
    void missingQueryIsInvalid() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode report = wallet.call(TestWallet.message("https://didcomm.org/discover-features/1.0/query"));
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.msg.invalid");
    }

    @Test
    void version2QueriesGetDisclosures() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode queries = TestWallet.message("https://didcomm.org/discover-features/2.0/queries");
        queries.putArray("queries")
                .add(TestWallet.parse(
                        "{\"feature-type\":\"protocol\",\"match\":\"https://didcomm.org/messagepickup/*\"}".getBytes()))
                .add(TestWallet.parse("{\"feature-type\":\"goal-code\",\"match\":\"*\"}".getBytes()));
        ObjectNode disclosures = wallet.call(queries);
        assertThat(disclosures.path("@type").asText())
                .isEqualTo("https://didcomm.org/discover-features/2.0/disclosures");
        assertThat(pids(disclosures.path("disclosures"), "id"))
                .containsExactlyInAnyOrder(
                        "https://didcomm.org/messagepickup/1.0", "https://didcomm.org/messagepickup/2.0");
    }

    @Test
    void version2WithoutQueriesIsInvalid() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode report = wallet.call(TestWallet.message("https://didcomm.org/discover-features/2.0/queries"));
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.msg.invalid");
    }
}
