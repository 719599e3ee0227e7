package dev.switchboard.mediator.protocol.messagepickup.v4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.mediator.testing.TestWalletV2;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Message pickup 4.0 over DIDComm v2 and v1: message_count_limit, max_receive_bytes, epoch milliseconds,
 * empty queue -> empty delivery, live mode by delivery + messages-received; over v1 with a did:key
 * recipient, with v1 and v2 forwards in the same mailbox.
 */
@QuarkusTest
class PickupV4HandlerTest {
    private static final String PICKUP = "https://didcomm.org/message-pickup/4.0/";

    @Inject
    MediatorDid mediator;

    @Inject
    MediatorIdentity identity;

    RecordingRelay relay;

    @BeforeEach
    void startRelay() {
        relay = new RecordingRelay("relay-" + UUID.randomUUID());
    }

    @AfterEach
    void stopRelay() {
        relay.close();
    }

    private TestWalletV2 walletWithMessages(int n) {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(wallet, wallet.did());
        for (int i = 0; i < n; i++) {
            assertThat(TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), null))
                            .statusCode())
                    .isEqualTo(202);
        }
        return wallet;
    }

    private static ObjectNode deliveryRequest(int limit) {
        ObjectNode request = TestWalletV2.message(PICKUP + "delivery-request");
        TestWalletV2.body(request).put("message_count_limit", limit);
        return request;
    }

    private static List<String> ids(ObjectNode delivery, String list, String id) {
        List<String> ids = new ArrayList<>();
        delivery.path(list).forEach(a -> ids.add(a.path(id).asText()));
        return ids;
    }

    @Test
    void statusTimesAreEpochMilliseconds() {
        TestWalletV2 wallet = walletWithMessages(1);
        ObjectNode status = wallet.call(TestWalletV2.message(PICKUP + "status-request"));
        assertThat(status.path("type").asText()).isEqualTo(PICKUP + "status");
        long now = Instant.now().toEpochMilli();
        assertThat(status.path("body").path("message_count").asInt()).isEqualTo(1);
        assertThat(status.path("body").path("newest_received_time").asLong()).isBetween(now - 60_000, now + 1000);
    }

    @Test
    void messageCountLimitAndJsonAttachments() {
        TestWalletV2 wallet = walletWithMessages(3);
        ObjectNode delivery = wallet.call(deliveryRequest(2));
        assertThat(delivery.path("type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(delivery.path("attachments")).hasSize(2);
        assertThat(delivery.path("attachments")
                        .get(0)
                        .path("data")
                        .path("json")
                        .path("ciphertext")
                        .isTextual())
                .isTrue();
        ObjectNode received = TestWalletV2.message(PICKUP + "messages-received");
        ids(delivery, "attachments", "id").forEach(TestWalletV2.body(received).putArray("message_id_list")::add);
        assertThat(wallet.call(received).path("body").path("message_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void maxReceiveBytesBoundsTheBatch() {
        TestWalletV2 wallet = walletWithMessages(3);
        ObjectNode request = deliveryRequest(10);
        TestWalletV2.body(request).put("max_receive_bytes", 1);
        ObjectNode delivery = wallet.call(request);
        assertThat(delivery.path("attachments"))
                .as("the oldest message always comes")
                .hasSize(1);
        ObjectNode bad = deliveryRequest(10);
        TestWalletV2.body(bad).put("max_receive_bytes", -5);
        assertThat(wallet.call(bad).path("body").path("code").asText()).isEqualTo("e.p.msg.invalid");
    }

    @Test
    void recipientDidSelectsTheWholeMailboxOrNothing() {
        TestWalletV2 wallet = walletWithMessages(2);
        String stranger = new TestWalletV2(mediator.did()).did();
        ObjectNode foreign = deliveryRequest(10);
        TestWalletV2.body(foreign).put("recipient_did", stranger);
        ObjectNode empty = wallet.call(foreign);
        assertThat(empty.path("type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(empty.path("body").path("recipient_did").asText()).isEqualTo(stranger);
        assertThat(empty.path("attachments").size()).isZero();
        ObjectNode foreignStatus = TestWalletV2.message(PICKUP + "status-request");
        TestWalletV2.body(foreignStatus).put("recipient_did", stranger);
        assertThat(wallet.call(foreignStatus).path("body").path("message_count").asInt())
                .isZero();

        ObjectNode own = deliveryRequest(10);
        TestWalletV2.body(own).put("recipient_did", wallet.did() + "#key-2");
        assertThat(wallet.call(own).path("attachments")).hasSize(2);
    }

    @Test
    void emptyQueueAnswersWithAnEmptyDelivery() {
        TestWalletV2 wallet = walletWithMessages(0);
        ObjectNode delivery = wallet.call(deliveryRequest(10));
        assertThat(delivery.path("type").asText()).isEqualTo(PICKUP + "delivery");
        // an empty attachment list is omitted by the v2 plaintext writer
        assertThat(delivery.path("attachments").size()).isZero();
    }

    @Test
    void liveModeDeliversAndMessagesReceivedConfirms() {
        TestWalletV2 wallet = walletWithMessages(0);
        String socket = "s-" + UUID.randomUUID();
        ObjectNode change = TestWalletV2.message(PICKUP + "live-delivery-change");
        TestWalletV2.body(change).put("live_delivery", true);
        relay.frame(socket, wallet.pack(change));
        assertThat(wallet.unpack(relay.next(socket))
                        .path("body")
                        .path("live_delivery")
                        .asBoolean())
                .isTrue();
        TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), null));
        ObjectNode live = wallet.unpack(relay.next(socket));
        assertThat(live.path("type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(live.path("attachments").get(0).path("data").path("json").isObject())
                .isTrue();
        ObjectNode received = TestWalletV2.message(PICKUP + "messages-received");
        ids(live, "attachments", "id").forEach(TestWalletV2.body(received).putArray("message_id_list")::add);
        relay.frame(socket, wallet.pack(received));
        assertThat(wallet.unpack(relay.next(socket))
                        .path("body")
                        .path("message_count")
                        .asInt())
                .isZero();

        ObjectNode off = TestWalletV2.message(PICKUP + "live-delivery-change");
        TestWalletV2.body(off).put("live_delivery", false);
        relay.frame(socket, wallet.pack(off));
        assertThat(wallet.unpack(relay.next(socket))
                        .path("body")
                        .path("live_delivery")
                        .asBoolean())
                .isFalse();
        TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), null));
        assertThat(relay.poll(socket, 500))
                .as("no live delivery after live mode off")
                .isNull();
    }

    @Test
    void overDidcommV1WithADidKeyRecipientV1AndV2ForwardsShareTheMailbox() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String recipientKey = Flows.registerRecipientKey(wallet); // did:key
        assertThat(TestWallet.post(Flows.forward(identity, recipientKey, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(202);
        assertThat(TestWalletV2.post(FlowsV2.forward(mediator, recipientKey, FlowsV2.innerJwe(mediator), null))
                        .statusCode())
                .isEqualTo(202);

        ObjectNode status = TestWallet.message(PICKUP + "status-request");
        status.put("recipient_did", recipientKey);
        ObjectNode answer = wallet.call(status);
        assertThat(answer.path("@type").asText()).isEqualTo(PICKUP + "status");
        assertThat(answer.path("message_count").asInt()).isEqualTo(2);
        assertThat(answer.path("recipient_did").asText()).isEqualTo(recipientKey);

        ObjectNode request = TestWallet.message(PICKUP + "delivery-request");
        request.put("message_count_limit", 10);
        ObjectNode delivery = wallet.call(request);
        assertThat(delivery.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(delivery.path("~attach")).hasSize(2);
        ObjectNode received = TestWallet.message(PICKUP + "messages-received");
        ids(delivery, "~attach", "@id").forEach(received.putArray("message_id_list")::add);
        assertThat(wallet.call(received).path("message_count").asInt()).isZero();
        ObjectNode empty = wallet.call(request);
        assertThat(empty.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(empty.path("~attach")).isEmpty();
    }

    @Test
    void liveModeOverDidcommV1() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String recipientKey = Flows.registerRecipientKey(wallet);
        String socket = "s-" + UUID.randomUUID();
        ObjectNode change = TestWallet.message(PICKUP + "live-delivery-change");
        change.put("live_delivery", true);
        relay.frame(socket, wallet.pack(change));
        assertThat(wallet.unpack(relay.next(socket)).path("live_delivery").asBoolean())
                .isTrue();
        TestWallet.post(Flows.forward(identity, recipientKey, Flows.innerEnvelope()));
        ObjectNode live = wallet.unpack(relay.next(socket));
        assertThat(live.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(live.path("~attach")).hasSize(1);
    }
}
