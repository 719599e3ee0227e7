package dev.switchboard.mediator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.protocol.messagepickup.v2.PickupV2Handler;
import dev.switchboard.mediator.store.DeliveryDeadlines;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.socketdock.protocol.Meta;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery recovery against a real Redis: a live delivery reserved by an instance that then died is pushed
 * again by a live one (all its state is in Redis); messages a closed socket releases go to the wallet's
 * newer socket at once; the {@code status} answering {@code live-delivery-change} precedes the queued
 * {@code delivery}. Test profile: pickup lease 2 s, deadline grace 200 ms, sweeps every 200 ms.
 */
@QuarkusTest
class DeliveryRecoveryTest {
    private static final String PICKUP = "https://didcomm.org/messagepickup/2.0/";

    @Inject
    MediatorIdentity identity;

    @Inject
    Mailboxes mailboxes;

    @Inject
    DeliveryDeadlines deadlines;

    @Inject
    DeliveryService delivery;

    @Inject
    MediatorConfig config;

    RecordingRelay relay;
    String instance;

    @BeforeEach
    void startRelay() {
        instance = "relay-" + UUID.randomUUID();
        relay = new RecordingRelay(instance);
    }

    @AfterEach
    void stopRelay() {
        relay.close();
    }

    private ObjectNode viaSocket(TestWallet wallet, String socket, ObjectNode message) {
        assertThat(relay.frame(socket, wallet.pack(message)).statusCode()).isEqualTo(200);
        return wallet.unpack(relay.next(socket));
    }

    private static ObjectNode liveOn() {
        ObjectNode change = TestWallet.message(PICKUP + "live-delivery-change");
        change.put("live_delivery", true);
        return change;
    }

    private static List<String> ids(ObjectNode delivery) {
        List<String> ids = new ArrayList<>();
        delivery.path("~attach").forEach(a -> ids.add(a.path("@id").asText()));
        return ids;
    }

    /** Records the wallet's route on {@code socket} and turns live mode on, as a frame would, without a push. */
    private void liveWithoutPush(String conn, String socket) {
        Meta meta = relay.meta(socket);
        InboundTransport.Socket live =
                new InboundTransport.Socket(instance, socket, URI.create(meta.send()), URI.create(meta.disconnect()));
        delivery.recordRoute(conn, live);
        delivery.liveMode(conn, live, true, PickupV2Handler.PIURI);
    }

    @Test
    void liveDeliveryReservedByADeadInstanceIsPushedAgainAfterTheLease() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String conn = wallet.verkey();
        String socket = "s-" + UUID.randomUUID();
        // the wallet is live on a socket (set directly: a frame's own push would race the "dead instance")
        liveWithoutPush(conn, socket);
        // another instance stored a message, reserved it for a live delivery and recorded the deadline, as a
        // push does before it sends; then it was killed: nothing of it is left but Redis
        byte[] message = TestWallet.bytes(Flows.innerEnvelope());
        delivery.store(conn, "m-" + UUID.randomUUID(), message);
        Instant reserved = Instant.now();
        List<Delivery> held = mailboxes
                .reserve(
                        conn,
                        DeliveryRequest.of(
                                10, "dead-instance/x", config.pickup().lease()))
                .toCompletableFuture()
                .join();
        assertThat(held).hasSize(1);
        deadlines.record(conn, reserved.plus(config.pickup().lease()).plus(Duration.ofMillis(200)));

        ObjectNode again = wallet.unpack(relay.next(socket, 10));
        assertThat(Duration.between(reserved, Instant.now()))
                .isGreaterThanOrEqualTo(config.pickup().lease());
        assertThat(again.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(ids(again)).containsExactly(held.get(0).messageId());
        // this delivery has its own deadline; messages-received clears it
        assertThat(deadlines.deadline(conn)).isNotNull();
        ObjectNode received = TestWallet.message(PICKUP + "messages-received");
        ids(again).forEach(received.putArray("message_id_list")::add);
        assertThat(viaSocket(wallet, socket, received).path("message_count").asInt())
                .isZero();
        assertThat(deadlines.deadline(conn)).isNull();
    }

    @Test
    void aStoredMessageWhosePushDiedWithItsInstanceIsPushedBySweep() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String conn = wallet.verkey();
        String socket = "s-" + UUID.randomUUID();
        liveWithoutPush(conn, socket);
        // an instance stored the message (the sender got its 202) and died before its push: none is asked for
        String id = "m-" + UUID.randomUUID();
        delivery.store(conn, id, TestWallet.bytes(Flows.innerEnvelope()));
        assertThat(deadlines.deadline(conn)).isNotNull();

        ObjectNode pushed = wallet.unpack(relay.next(socket, 10));
        assertThat(pushed.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(ids(pushed)).containsExactly(id);
    }

    @Test
    void partlyConfirmedDeliveriesKeepTheirDeadlineAndTheRestIsSentAgain() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        String socket = "s-" + UUID.randomUUID();
        viaSocket(wallet, socket, liveOn());
        forwardTo(key);
        ObjectNode first = wallet.unpack(relay.next(socket));
        forwardTo(key);
        ObjectNode second = wallet.unpack(relay.next(socket));
        assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));

        // the wallet confirms the first delivery only: the second is still in flight and keeps a deadline
        ObjectNode received = TestWallet.message(PICKUP + "messages-received");
        ids(first).forEach(received.putArray("message_id_list")::add);
        assertThat(viaSocket(wallet, socket, received).path("@type").asText()).isEqualTo(PICKUP + "status");
        assertThat(deadlines.deadline(wallet.verkey())).isNotNull();

        ObjectNode again = wallet.unpack(relay.next(socket, 10));
        assertThat(ids(again)).isEqualTo(ids(second));
    }

    /** A sender POSTs a forward to {@code key}; the mediator acknowledges it (202). */
    private void forwardTo(String key) {
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void unconfirmedLiveDeliveryIsSentAgainUntilConfirmed() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        String socket = "s-" + UUID.randomUUID();
        viaSocket(wallet, socket, liveOn());
        forwardTo(key);
        ObjectNode first = wallet.unpack(relay.next(socket));
        ObjectNode second = wallet.unpack(relay.next(socket, 10));
        ObjectNode third = wallet.unpack(relay.next(socket, 10));
        assertThat(ids(second)).isEqualTo(ids(first));
        assertThat(ids(third)).isEqualTo(ids(first));
    }

    @Test
    void aSweptWalletWithoutARouteIsNotClaimedAgain() {
        String conn = Flows.freshVerkey();
        deadlines.record(conn, Instant.now().minusSeconds(1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> deadlines.deadline(conn) == null);
    }

    @Test
    void aDueDeadlineIsClaimedByOneSweepOnly() {
        // due an hour from now, so that the running sweeps (which claim what is due now) leave it alone
        String conn = "claim-" + UUID.randomUUID();
        Instant due = Instant.ofEpochMilli(Instant.now().plusSeconds(3600).toEpochMilli());
        deadlines.record(conn, due);
        DeliveryDeadlines.Claimed none = deadlines.claimDue(due.minusMillis(1), due.plusSeconds(60), 100000);
        assertThat(none.wallets()).doesNotContain(conn);
        assertThat(none.next())
                .as("the earliest deadline left, for the next sweep")
                .isBeforeOrEqualTo(due);
        Instant until = due.plusSeconds(60);
        assertThat(deadlines.claimDue(due, until, 100000).wallets()).contains(conn);
        assertThat(deadlines.claimDue(due, until, 100000).wallets()).doesNotContain(conn);
        assertThat(deadlines.deadline(conn)).isEqualTo(until);
        assertThat(deadlines.clearIf(conn, until.plusMillis(1))).isFalse();
        assertThat(deadlines.clearIf(conn, until)).isTrue();
        assertThat(deadlines.deadline(conn)).isNull();
    }

    @Test
    void messagesReleasedByAClosedSocketGoToTheWalletsNewerSocketAtOnce() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        String old = "old-" + UUID.randomUUID();
        String newer = "new-" + UUID.randomUUID();
        viaSocket(wallet, old, liveOn());
        forwardTo(key);
        ObjectNode inFlight = wallet.unpack(relay.next(old));
        // the wallet reconnected through another relay before the old socket's disconnect arrived
        ObjectNode status = viaSocket(wallet, newer, liveOn());
        assertThat(status.path("message_count").asInt()).isZero(); // (in flight on the old socket)
        Instant closed = Instant.now();
        assertThat(relay.disconnect(old).statusCode()).isEqualTo(200);
        byte[] pushed = relay.poll(newer, 1000);
        assertThat(pushed)
                .as(
                        "released messages pushed at once, not after the lease (%s)",
                        config.pickup().lease())
                .isNotNull();
        assertThat(Duration.between(closed, Instant.now()))
                .isLessThan(config.pickup().lease());
        assertThat(ids(wallet.unpack(pushed))).isEqualTo(ids(inFlight));
    }

    @Test
    void liveModeStatusPrecedesTheQueuedDelivery() {
        for (int round = 0; round < 5; round++) {
            TestWallet wallet = Flows.mediatedWallet(identity);
            String key = Flows.registerRecipientKey(wallet);
            assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                            .statusCode())
                    .isEqualTo(202);
            String socket = "s-" + UUID.randomUUID();
            assertThat(relay.frame(socket, wallet.pack(liveOn())).statusCode()).isEqualTo(200);
            ObjectNode first = wallet.unpack(relay.next(socket));
            ObjectNode second = wallet.unpack(relay.next(socket));
            assertThat(first.path("@type").asText()).isEqualTo(PICKUP + "status");
            assertThat(first.path("message_count").asInt()).isEqualTo(1);
            assertThat(second.path("@type").asText()).isEqualTo(PICKUP + "delivery");
            assertThat(second.path("~attach")).hasSize(1);
        }
    }
}
