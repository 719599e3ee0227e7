package dev.switchboard.mediator.protocol.messagepickup.v3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.RecordingRelay;
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
 * Message pickup 3.0 over DIDComm v2, after the pickup and live-mode scenarios of the DIDComm v2 mediator
 * test suite: status, delivery (base64 attachments, oldest first), messages-received, empty queue -> status,
 * live mode refused over HTTP, live delivery over a relay socket.
 */
@QuarkusTest
class PickupV3HandlerTest {
    private static final String PICKUP = "https://didcomm.org/messagepickup/3.0/";

    @Inject
    MediatorDid mediator;

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
        TestWalletV2.body(request).put("limit", limit);
        return request;
    }

    private static ObjectNode received(List<String> ids) {
        ObjectNode message = TestWalletV2.message(PICKUP + "messages-received");
        ids.forEach(TestWalletV2.body(message).putArray("message_id_list")::add);
        return message;
    }

    private static List<String> ids(ObjectNode delivery) {
        List<String> ids = new ArrayList<>();
        delivery.path("attachments").forEach(a -> ids.add(a.path("id").asText()));
        return ids;
    }

    @Test
    void statusReportsCountAndEpochSecondTimes() {
        TestWalletV2 wallet = walletWithMessages(2);
        ObjectNode request = TestWalletV2.message(PICKUP + "status-request");
        TestWalletV2.body(request).put("recipient_did", wallet.did());
        ObjectNode status = wallet.call(request);
        assertThat(status.path("type").asText()).isEqualTo(PICKUP + "status");
        assertThat(status.path("thid").asText()).isEqualTo(request.path("id").asText());
        ObjectNode body = (ObjectNode) status.path("body");
        assertThat(body.path("message_count").asInt()).isEqualTo(2);
        assertThat(body.path("recipient_did").asText()).isEqualTo(wallet.did());
        assertThat(body.path("live_delivery").asBoolean()).isFalse();
        long now = Instant.now().getEpochSecond();
        assertThat(body.path("newest_received_time").asLong()).isBetween(now - 60, now + 1);
        assertThat(body.path("oldest_received_time").asLong()).isBetween(now - 60, now + 1);
        assertThat(body.path("total_bytes").asLong()).isPositive();
    }

    @Test
    void deliveryHandsOutOldestFirstAndMessagesReceivedDeletes() {
        TestWalletV2 wallet = walletWithMessages(3);
        ObjectNode first = wallet.call(deliveryRequest(2));
        assertThat(first.path("type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(first.path("attachments")).hasSize(2);
        assertThat(first.path("attachments").get(0).path("data").path("base64").isTextual())
                .isTrue();
        assertThat(wallet.call(TestWalletV2.message(PICKUP + "status-request"))
                        .path("body")
                        .path("message_count")
                        .asInt())
                .as("in-flight messages are not counted")
                .isEqualTo(1);
        ObjectNode status = wallet.call(received(ids(first)));
        assertThat(status.path("type").asText()).isEqualTo(PICKUP + "status");
        assertThat(status.path("body").path("message_count").asInt()).isEqualTo(1);
        ObjectNode second = wallet.call(deliveryRequest(10));
        assertThat(second.path("attachments")).hasSize(1);
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
    }

    @Test
    void recipientDidOfAnotherWalletSelectsNothing() {
        TestWalletV2 wallet = walletWithMessages(2);
        TestWalletV2 other = walletWithMessages(1);
        ObjectNode status = TestWalletV2.message(PICKUP + "status-request");
        TestWalletV2.body(status).put("recipient_did", other.did());
        assertThat(wallet.call(status).path("body").path("message_count").asInt())
                .isZero();
        ObjectNode request = deliveryRequest(10);
        TestWalletV2.body(request).put("recipient_did", other.did());
        ObjectNode reply = wallet.call(request);
        assertThat(reply.path("type").asText()).isEqualTo(PICKUP + "status");
        assertThat(reply.path("body").path("message_count").asInt()).isZero();
        assertThat(reply.path("body").path("recipient_did").asText()).isEqualTo(other.did());
        ObjectNode mine = deliveryRequest(10);
        TestWalletV2.body(mine).put("recipient_did", wallet.did());
        assertThat(wallet.call(mine).path("attachments")).hasSize(2);
    }

    @Test
    void emptyQueueAnswersDeliveryRequestWithStatus() {
        TestWalletV2 wallet = walletWithMessages(0);
        ObjectNode reply = wallet.call(deliveryRequest(5));
        assertThat(reply.path("type").asText()).isEqualTo(PICKUP + "status");
        assertThat(reply.path("body").path("message_count").asInt()).isZero();
    }

    @Test
    void liveModeOverHttpIsLiveModeNotSupported() {
        TestWalletV2 wallet = walletWithMessages(0);
        ObjectNode change = TestWalletV2.message(PICKUP + "live-delivery-change");
        TestWalletV2.body(change).put("live_delivery", true);
        ObjectNode report = wallet.call(change);
        assertThat(report.path("type").asText()).isEqualTo("https://didcomm.org/report-problem/2.0/problem-report");
        assertThat(report.path("body").path("code").asText()).isEqualTo("e.m.live-mode-not-supported");
        assertThat(report.path("pthid").asText()).isEqualTo(change.path("id").asText());
    }

    @Test
    void pickupWithoutGrantIsRefused() {
        TestWalletV2 wallet = new TestWalletV2(mediator.did());
        ObjectNode report = wallet.call(TestWalletV2.message(PICKUP + "status-request"));
        assertThat(report.path("body").path("code").asText()).isEqualTo("e.p.req.mediation-not-granted");
    }

    @Test
    void liveModeOnASocketDeliversForwardsAsTheyArrive() {
        TestWalletV2 wallet = walletWithMessages(1);
        String socket = "s-" + UUID.randomUUID();
        ObjectNode change = TestWalletV2.message(PICKUP + "live-delivery-change");
        TestWalletV2.body(change).put("live_delivery", true);
        assertThat(relay.frame(socket, wallet.pack(change)).statusCode()).isEqualTo(200);
        // the status reply goes out before the push of the queued message starts
        ObjectNode status = wallet.unpack(relay.next(socket));
        ObjectNode queued = wallet.unpack(relay.next(socket));
        assertThat(status.path("type").asText()).isEqualTo(PICKUP + "status");
        assertThat(status.path("body").path("live_delivery").asBoolean()).isTrue();
        assertThat(queued.path("type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(queued.path("attachments")).hasSize(1);
        assertThat(relay.frame(socket, wallet.pack(received(ids(queued)))).statusCode())
                .isEqualTo(200);
        assertThat(wallet.unpack(relay.next(socket))
                        .path("body")
                        .path("message_count")
                        .asInt())
                .isZero();

        assertThat(TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), null))
                        .statusCode())
                .isEqualTo(202);
        ObjectNode live = wallet.unpack(relay.next(socket));
        assertThat(live.path("type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(live.path("from").asText()).isEqualTo(mediator.did());
        assertThat(live.path("attachments")).hasSize(1);
    }
}
