package dev.switchboard.mediator.protocol.routing.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.testing.FlowsV2;
import dev.switchboard.mediator.testing.TestWalletV2;
import dev.switchboard.queue.mailbox.DeadLetter;
import dev.switchboard.queue.mailbox.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Routing 2.0 forward: stored (202) for a registered recipient DID and picked up intact; {@code data.base64}
 * attachments; {@code expires_time} honoured; unknown {@code next} refused; a sender's library-built
 * forward-wrapped message (the recipient's DID document routes through the mediator) lands in the mailbox.
 */
@QuarkusTest
class RoutingV2HandlerTest {
    private static final String PICKUP3 = "https://didcomm.org/messagepickup/3.0/";

    @Inject
    MediatorDid mediator;

    @Inject
    Mailboxes mailboxes;

    private static ObjectNode deliveryRequest(int limit) {
        ObjectNode request = TestWalletV2.message(PICKUP3 + "delivery-request");
        TestWalletV2.body(request).put("limit", limit);
        return request;
    }

    private static String attachedJson(ObjectNode delivery, int i) {
        String b64 =
                delivery.path("attachments").get(i).path("data").path("base64").asText();
        return new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    @Test
    void forwardIsStoredThenPickedUpIntact() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(wallet, wallet.did());
        ObjectNode inner = FlowsV2.innerJwe(mediator);
        Response response = TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), inner, null));
        assertThat(response.statusCode()).isEqualTo(202);
        ObjectNode delivery = wallet.call(deliveryRequest(10));
        assertThat(delivery.path("attachments")).hasSize(1);
        assertThat(FlowsV2.parse(attachedJson(delivery, 0).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(inner);
    }

    @Test
    void base64AttachmentAndDidUrlNextAndPleaseAckAreAccepted() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(wallet, wallet.did());
        ObjectNode inner = FlowsV2.innerJwe(mediator);
        ObjectNode forward = FlowsV2.forwardPlaintext(mediator, wallet.did() + "#key-2", inner, null);
        ObjectNode data = (ObjectNode) forward.path("attachments").get(0).path("data");
        data.remove("json");
        data.put(
                "base64",
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(inner.toString().getBytes(StandardCharsets.UTF_8)));
        forward.putArray("please_ack").add(forward.path("id").asText());
        byte[] packed = new TestWalletV2(mediator.did()).anoncrypt(forward, mediator.did());
        assertThat(TestWalletV2.post(packed).statusCode()).isEqualTo(202);
        ObjectNode delivery = wallet.call(deliveryRequest(10));
        assertThat(FlowsV2.parse(attachedJson(delivery, 0).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(inner);
    }

    @Test
    void expiredForwardIsRefusedAndNotStored() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(wallet, wallet.did());
        long past = Instant.now().getEpochSecond() - 60;
        Response response =
                TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), past));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("e.p.msg.expired");
        ObjectNode status = wallet.call(TestWalletV2.message(PICKUP3 + "status-request"));
        assertThat(status.path("body").path("message_count").asInt()).isZero();
    }

    @Test
    void unexpiredForwardIsStored() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(wallet, wallet.did());
        long future = Instant.now().getEpochSecond() + 3600;
        assertThat(TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), future))
                        .statusCode())
                .isEqualTo(202);
        ObjectNode status = wallet.call(TestWalletV2.message(PICKUP3 + "status-request"));
        assertThat(status.path("body").path("message_count").asInt()).isEqualTo(1);
    }

    @Test
    void messageExpiringInTheMailboxBecomesADeadLetter() {
        TestWalletV2 wallet = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(wallet, wallet.did());
        long soon = Instant.now().getEpochSecond() + 2;
        assertThat(TestWalletV2.post(FlowsV2.forward(mediator, wallet.did(), FlowsV2.innerJwe(mediator), soon))
                        .statusCode())
                .isEqualTo(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> wallet.call(TestWalletV2.message(PICKUP3 + "status-request"))
                                .path("body")
                                .path("message_count")
                                .asInt()
                        == 0);
        List<DeadLetter> dead =
                mailboxes.deadLetters(wallet.did(), 10).toCompletableFuture().join();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason()).isEqualTo(DeadLetter.Reason.EXPIRED);
        assertThat(dead.get(0).droppedAt()).isAfterOrEqualTo(Instant.ofEpochSecond(soon));
        ObjectNode delivery = wallet.call(deliveryRequest(10));
        assertThat(delivery.path("attachments").size()).isZero();
    }

    @Test
    void unknownNextIsRefused() {
        String stranger = new TestWalletV2(mediator.did()).did();
        Response response = TestWalletV2.post(FlowsV2.forward(mediator, stranger, FlowsV2.innerJwe(mediator), null));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("e.p.msg.forward-refused");
    }

    @Test
    void forwardWithoutAttachmentIsRefused() {
        ObjectNode forward = FlowsV2.forwardPlaintext(mediator, "did:example:x", FlowsV2.innerJwe(mediator), null);
        forward.remove("attachments");
        Response response = TestWalletV2.post(new TestWalletV2(mediator.did()).anoncrypt(forward, mediator.did()));
        assertThat(response.statusCode()).isEqualTo(400);
        // the envelope layer already refuses a forward it cannot parse
        assertThat(response.jsonPath().getString("code")).isEqualTo("e.p.msg.invalid");
    }

    @Test
    void senderLibraryForwardWrapsForARecipientRoutedThroughTheMediator() {
        TestWalletV2 recipient = FlowsV2.mediatedWallet(mediator);
        FlowsV2.register(recipient, recipient.did());
        TestWalletV2 sender = new TestWalletV2(mediator.did());
        ObjectNode message = TestWalletV2.message("https://didcomm.org/basicmessage/2.0/message");
        message.remove("return_route");
        TestWalletV2.body(message).put("content", "routed");
        byte[] packed = sender.packForRecipient(message, recipient.did());
        assertThat(TestWalletV2.post(packed).statusCode()).isEqualTo(202);

        ObjectNode delivery = recipient.call(deliveryRequest(10));
        ObjectNode received = recipient.unpack(attachedJson(delivery, 0).getBytes(StandardCharsets.UTF_8));
        assertThat(received.path("body").path("content").asText()).isEqualTo("routed");
        assertThat(received.path("from").asText()).isEqualTo(sender.did());
    }
}
