package dev.switchboard.mediator.protocol.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.config.MailboxConfig;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.SmallMailboxProfile;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.mediator.testing.TestWalletV2;
import dev.switchboard.queue.config.MailboxSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The mailbox caps of {@code switchboard.mailbox.*}: a forward (routing 1.0 and 2.0) to a wallet whose
 * mailbox is at its count or byte cap gets HTTP 507 {@code e.p.me.res.storage} and nothing is stored; once
 * the wallet confirms a message, forwards are accepted again.
 */
@QuarkusTest
@TestProfile(SmallMailboxProfile.class)
class MailboxFullTest {
    private static final String PICKUP2 = "https://didcomm.org/messagepickup/2.0/";

    @Inject
    MediatorIdentity identity;

    @Inject
    MediatorDid mediator;

    @Inject
    MailboxConfig config;

    private static void assertFull(Response response) {
        assertThat(response.statusCode()).isEqualTo(507);
        assertThat(response.jsonPath().getString("code")).isEqualTo("e.p.me.res.storage");
    }

    @Test
    void configurationReachesTheQueueSettings() {
        MailboxSettings settings = config.toSettings();
        assertThat(settings.maxCount()).isEqualTo(SmallMailboxProfile.MAX_MESSAGES);
        assertThat(settings.maxBytes()).isEqualTo(SmallMailboxProfile.MAX_BYTES);
        assertThat(settings.defaultTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.maxTtl()).isEqualTo(Duration.ofDays(14));
        assertThat(settings.dedupeWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.deadLetterLimit()).isEqualTo(1000);
    }

    @Test
    void routingV1ForwardPastTheCountCapIs507AndNotStored() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        for (int i = 0; i < SmallMailboxProfile.MAX_MESSAGES; i++) {
            assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                            .statusCode())
                    .isEqualTo(202);
        }
        assertFull(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope())));
        assertThat(Flows.pendingCount(wallet)).isEqualTo(SmallMailboxProfile.MAX_MESSAGES);

        ObjectNode request = TestWallet.message(PICKUP2 + "delivery-request");
        request.put("limit", 1);
        String id = wallet.call(request).path("~attach").get(0).path("@id").asText();
        ObjectNode received = TestWallet.message(PICKUP2 + "messages-received");
        received.putArray("message_id_list").add(id);
        wallet.call(received);
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(202);
        assertThat(Flows.pendingCount(wallet)).isEqualTo(SmallMailboxProfile.MAX_MESSAGES);
    }

    @Test
    void routingV1ForwardPastTheByteCapIs507AndNotStored() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        int big = SmallMailboxProfile.MAX_BYTES * 6 / 10;
        assertThat(TestWallet.post(Flows.forward(identity, key, padded(big))).statusCode())
                .isEqualTo(202);
        assertFull(TestWallet.post(Flows.forward(identity, key, padded(big))));
        assertThat(Flows.pendingCount(wallet)).isEqualTo(1);
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .as("a small message still fits")
                .isEqualTo(202);
    }

    @Test
    void authcryptedForwardToAFullMailboxGetsAProblemReport() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        for (int i = 0; i < SmallMailboxProfile.MAX_MESSAGES; i++) {
            TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()));
        }
        TestWallet sender = new TestWallet(identity.routingKey().verkey());
        ObjectNode forward = TestWallet.message("https://didcomm.org/routing/1.0/forward");
        forward.put("to", key);
        forward.set("msg", Flows.innerEnvelope());
        ObjectNode report = sender.call(forward);
        assertThat(report.path("@type").asText()).isEqualTo("https://didcomm.org/report-problem/1.0/problem-report");
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.me.res.storage");
        assertThat(Flows.pendingCount(wallet)).isEqualTo(SmallMailboxProfile.MAX_MESSAGES);
    }

    @Test
    void routingV2ForwardPastTheCountCapIs507AndNotStored() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(wallet, wallet.did());
        for (int i = 0; i < SmallMailboxProfile.MAX_MESSAGES; i++) {
            assertThat(TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), null))
                            .statusCode())
                    .isEqualTo(202);
        }
        assertFull(TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), null)));
        assertThat(FlowsV2.pendingCount(wallet)).isEqualTo(SmallMailboxProfile.MAX_MESSAGES);
    }

    /** An inner envelope of about {@code size} bytes. */
    private static ObjectNode padded(int size) {
        ObjectNode inner = Flows.innerEnvelope();
        inner.put("padding", "x".repeat(size));
        return inner;
    }
}
