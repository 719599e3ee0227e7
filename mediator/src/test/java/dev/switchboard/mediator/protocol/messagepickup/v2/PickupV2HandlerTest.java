package dev.switchboard.mediator.protocol.messagepickup.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Message pickup 2.0 (RFC 0685) over HTTP and, through a relay's callbacks, in live mode. */
@QuarkusTest
class PickupV2HandlerTest {
    private static final String PICKUP = "https://didcomm.org/messagepickup/2.0/";

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

    private static ObjectNode deliveryRequest(int limit) {
        ObjectNode request = TestWallet.message(PICKUP + "delivery-request");
        request.put("limit", limit);
        return request;
    }

    private static ObjectNode received(List<String> ids) {
        ObjectNode message = TestWallet.message(PICKUP + "messages-received");
        ids.forEach(message.putArray("message_id_list")::add);
        return message;
    }

    private static List<String> ids(ObjectNode delivery) {
        List<String> ids = new ArrayList<>();
        delivery.path("~attach").forEach(a -> ids.add(a.path("@id").asText()));
        return ids;
    }

    private ObjectNode viaSocket(TestWallet wallet, String socket, ObjectNode message) {
        assertThat(relay.frame(socket, wallet.pack(message)).statusCode()).isEqualTo(200);
        return wallet.unpack(relay.next(socket));
    }

    @Test
    void statusCountsPendingOnlyAndMessagesReceivedDeletes() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        List<ObjectNode> inner = List.of(Flows.innerEnvelope(), Flows.innerEnvelope(), Flows.innerEnvelope());
        inner.forEach(
                m -> assertThat(TestWallet.post(Flows.forward(identity, key, m)).statusCode())
                        .isEqualTo(202));

        ObjectNode status = wallet.call(TestWallet.message(PICKUP + "status-request"));
        assertThat(status.path("@type").asText()).isEqualTo(PICKUP + "status");
        assertThat(status.path("message_count").asInt()).isEqualTo(3);

        ObjectNode first = wallet.call(deliveryRequest(2));
        assertThat(first.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(first.path("~attach")).hasSize(2);
        assertThat(first.path("~attach").get(0).path("data").path("json")).isEqualTo(inner.get(0));
        assertThat(first.path("~attach").get(1).path("data").path("json")).isEqualTo(inner.get(1));
        // handed out, not confirmed: in flight, not counted
        assertThat(wallet.call(TestWallet.message(PICKUP + "status-request"))
                        .path("message_count")
                        .asInt())
                .isEqualTo(1);

        ObjectNode afterAck = wallet.call(received(ids(first)));
        assertThat(afterAck.path("@type").asText()).isEqualTo(PICKUP + "status");
        assertThat(afterAck.path("message_count").asInt()).isEqualTo(1);

        ObjectNode last = wallet.call(deliveryRequest(10));
        assertThat(last.path("~attach").get(0).path("data").path("json")).isEqualTo(inner.get(2));
        assertThat(wallet.call(received(ids(last))).path("message_count").asInt())
                .isZero();
    }

    @Test
    void recipientKeySelectsTheWholeMailboxOrNothing() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        String second = Flows.registerRecipientKey(wallet);
        TestWallet other = Flows.mediatedWallet(identity);
        String othersKey = Flows.registerRecipientKey(other);
        TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()));
        TestWallet.post(Flows.forward(identity, second, Flows.innerEnvelope()));

        for (String own :
                List.of(key, Ed25519Keys.toVerkey(key), second, Ed25519Keys.didKey(wallet.verkey()), wallet.verkey())) {
            ObjectNode status = wallet.call(statusRequest(own));
            assertThat(status.path("recipient_key").asText()).isEqualTo(own);
            assertThat(status.path("message_count").asInt()).as(own).isEqualTo(2);
        }
        for (String foreign : List.of(othersKey, Ed25519Keys.didKey(Flows.freshVerkey()))) {
            ObjectNode status = wallet.call(statusRequest(foreign));
            assertThat(status.path("message_count").asInt()).as(foreign).isZero();
            assertThat(status.path("total_bytes").asInt()).isZero();
            assertThat(status.has("oldest_received_time")).isFalse();
            ObjectNode request = deliveryRequest(10);
            request.put("recipient_key", foreign);
            ObjectNode reply = wallet.call(request);
            assertThat(reply.path("@type").asText()).isEqualTo(PICKUP + "status");
            assertThat(reply.path("message_count").asInt()).isZero();
        }
        ObjectNode request = deliveryRequest(10);
        request.put("recipient_key", key);
        assertThat(wallet.call(request).path("~attach")).hasSize(2);

        ObjectNode bad = TestWallet.message(PICKUP + "status-request");
        bad.put("recipient_key", 42);
        assertThat(wallet.call(bad).path("description").path("code").asText()).isEqualTo("e.p.msg.invalid");
    }

    private static ObjectNode statusRequest(String recipientKey) {
        ObjectNode request = TestWallet.message(PICKUP + "status-request");
        request.put("recipient_key", recipientKey);
        return request;
    }

    @Test
    void emptyMailboxAnswersStatusZero() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        ObjectNode reply = wallet.call(deliveryRequest(10));
        assertThat(reply.path("@type").asText()).isEqualTo(PICKUP + "status");
        assertThat(reply.path("message_count").asInt()).isZero();
    }

    @Test
    void unconfirmedMessagesReturnAfterTheirLease() throws InterruptedException {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()));
        assertThat(wallet.call(deliveryRequest(10)).path("~attach")).hasSize(1);
        Thread.sleep(2_500); // test profile lease: 2 s
        assertThat(wallet.call(TestWallet.message(PICKUP + "status-request"))
                        .path("message_count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void withoutMediationPickupIsRefused() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode report = wallet.call(TestWallet.message(PICKUP + "status-request"));
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.p.req.mediation-not-granted");
    }

    @Test
    void liveModeOverHttpIsRefused() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        ObjectNode change = TestWallet.message(PICKUP + "live-delivery-change");
        change.put("live_delivery", true);
        ObjectNode report = wallet.call(change);
        assertThat(report.path("description").path("code").asText()).isEqualTo("e.m.live-mode-not-supported");
    }

    @Test
    void invalidFieldsAreRefused() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        ObjectNode change = TestWallet.message(PICKUP + "live-delivery-change");
        change.put("live_delivery", "yes");
        assertThat(wallet.call(change).path("description").path("code").asText())
                .isEqualTo("e.p.msg.invalid");
        assertThat(wallet.call(deliveryRequest(0))
                        .path("description")
                        .path("code")
                        .asText())
                .isEqualTo("e.p.msg.invalid");
        assertThat(wallet.call(TestWallet.message(PICKUP + "messages-received"))
                        .path("description")
                        .path("code")
                        .asText())
                .isEqualTo("e.p.msg.invalid");
        assertThat(wallet.call(TestWallet.message(PICKUP + "status"))
                        .path("description")
                        .path("code")
                        .asText())
                .isEqualTo("e.p.msg.unsupported");
    }

    @Test
    void liveModeDeliversAtOnceAndAfterReconnectDrainsOldestFirst() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        ObjectNode change = TestWallet.message(PICKUP + "live-delivery-change");
        change.put("live_delivery", true);
        ObjectNode status = viaSocket(wallet, "s1", change);
        assertThat(status.path("@type").asText()).isEqualTo(PICKUP + "status");
        assertThat(status.path("live_delivery").asBoolean()).isTrue();

        ObjectNode inner = Flows.innerEnvelope();
        assertThat(TestWallet.post(Flows.forward(identity, key, inner)).statusCode())
                .isEqualTo(202);
        ObjectNode delivery = wallet.unpack(relay.next("s1"));
        assertThat(delivery.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(delivery.path("~attach").get(0).path("data").path("json")).isEqualTo(inner);
        ObjectNode afterAck = viaSocket(wallet, "s1", received(ids(delivery)));
        assertThat(afterAck.path("message_count").asInt()).isZero();

        // the relay lost the socket: the callback answers 404, the route is dropped, the messages stay queued
        relay.markGone("s1");
        List<ObjectNode> queued = List.of(Flows.innerEnvelope(), Flows.innerEnvelope());
        queued.forEach(
                m -> assertThat(TestWallet.post(Flows.forward(identity, key, m)).statusCode())
                        .isEqualTo(202));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> wallet.call(TestWallet.message(PICKUP + "status-request"))
                                .path("message_count")
                                .asInt()
                        == 2);

        // reconnect on another socket: status, delivery oldest first, live again
        assertThat(viaSocket(wallet, "s2", TestWallet.message(PICKUP + "status-request"))
                        .path("message_count")
                        .asInt())
                .isEqualTo(2);
        ObjectNode drained = viaSocket(wallet, "s2", deliveryRequest(10));
        List<JsonNode> payloads = new ArrayList<>();
        drained.path("~attach").forEach(a -> payloads.add(a.path("data").path("json")));
        assertThat(payloads).containsExactly(queued.get(0), queued.get(1));
        assertThat(viaSocket(wallet, "s2", received(ids(drained)))
                        .path("message_count")
                        .asInt())
                .isZero();
    }

    @Test
    void messagesReceivedInLiveModeSendsWhatWaitsBeyondOneBatch() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        int maxBatch = 50; // switchboard.mediator.pickup.max-batch (default)
        List<ObjectNode> stored = new ArrayList<>();
        for (int i = 0; i <= maxBatch; i++) {
            ObjectNode inner = Flows.innerEnvelope();
            stored.add(inner);
            assertThat(TestWallet.post(Flows.forward(identity, key, inner)).statusCode())
                    .isEqualTo(202);
        }
        ObjectNode change = TestWallet.message(PICKUP + "live-delivery-change");
        change.put("live_delivery", true);
        assertThat(viaSocket(wallet, "s6", change).path("message_count").asInt())
                .isEqualTo(maxBatch + 1);
        ObjectNode first = wallet.unpack(relay.next("s6"));
        assertThat(first.path("~attach")).hasSize(maxBatch);

        // one message is left pending: confirming the first batch sends it (nothing else would while live)
        ObjectNode status = viaSocket(wallet, "s6", received(ids(first)));
        assertThat(status.path("message_count").asInt()).isEqualTo(1);
        assertThat(status.path("live_delivery").asBoolean()).isTrue();
        ObjectNode second = wallet.unpack(relay.next("s6"));
        assertThat(second.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(second.path("~attach")).hasSize(1);
        assertThat(second.path("~attach").get(0).path("data").path("json")).isEqualTo(stored.get(maxBatch));
        assertThat(viaSocket(wallet, "s6", received(ids(second)))
                        .path("message_count")
                        .asInt())
                .isZero();
    }

    @Test
    void unconfirmedLiveDeliveryIsSentAgainAfterItsLease() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        ObjectNode change = TestWallet.message(PICKUP + "live-delivery-change");
        change.put("live_delivery", true);
        viaSocket(wallet, "s4", change);
        ObjectNode inner = Flows.innerEnvelope();
        TestWallet.post(Flows.forward(identity, key, inner));
        ObjectNode first = wallet.unpack(relay.next("s4"));
        // no messages-received: after the lease (2 s in tests) the same message is delivered again
        ObjectNode again = wallet.unpack(relay.next("s4", 15));
        assertThat(again.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(ids(again)).isEqualTo(ids(first));
        assertThat(again.path("~attach").get(0).path("data").path("json")).isEqualTo(inner);
    }

    @Test
    void disconnectReturnsInFlightMessagesAtOnce() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()));
        assertThat(viaSocket(wallet, "s3", deliveryRequest(10)).path("~attach")).hasSize(1);
        assertThat(wallet.call(TestWallet.message(PICKUP + "status-request"))
                        .path("message_count")
                        .asInt())
                .isZero();
        assertThat(relay.disconnect("s3").statusCode()).isEqualTo(200);
        assertThat(wallet.call(TestWallet.message(PICKUP + "status-request"))
                        .path("message_count")
                        .asInt())
                .isEqualTo(1);
    }
}
