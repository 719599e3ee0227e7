package dev.switchboard.loadtest.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.did.DidKey;
import dev.switchboard.didcomm.did.DidPeer4;
import dev.switchboard.didcomm.did.Ed25519;
import dev.switchboard.didcomm.v1.EncryptionEnvelope;
import dev.switchboard.didcomm.v1.UnpackedMessage;
import dev.switchboard.loadtest.ledger.Ledger;
import dev.switchboard.loadtest.ledger.LedgerReport;
import dev.switchboard.loadtest.sender.ForwardFactory;
import dev.switchboard.loadtest.sender.InnerMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wallet against a mediator played by the test with the real didcomm library: what the wallet packs, the
 * mediator can read (and vice versa), and a forward built by the sender ends up in the wallet's ledger.
 */
class VirtualWalletTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Keyring mediatorKeys = new Keyring();
    private final Ed25519.KeyPair invitationKey = mediatorKeys.generate();
    private final Ed25519.KeyPair routingKey = mediatorKeys.generate();
    private final EncryptionEnvelope mediator = mediatorKeys.envelope();
    private final Ledger ledger = new Ledger();
    private final Invitation invitation = Invitation.parse(invitationUrl());
    private final VirtualWallet wallet = new VirtualWallet(invitation, "vw-test", new Keyring(), ledger);

    @Test
    void parsesTheMediatorsInvitationUrl() {
        assertThat(invitation.id()).isEqualTo("inv-1");
        assertThat(invitation.recipientVerkey()).isEqualTo(invitationKey.verkey());
        assertThat(invitation.endpoints()).containsExactly("ws://127.0.0.1:8765/ws", "http://127.0.0.1:8080/");
    }

    @Test
    void didExchangeRequestIsAuthcryptedToTheInvitationKeyWithALongFormDidPeer4() throws Exception {
        UnpackedMessage unpacked = mediator.unpack(wallet.didExchangeRequest());
        JsonNode request = JSON.readTree(unpacked.plaintext());

        assertThat(unpacked.metadata().senderKid()).isEqualTo(wallet.connectionVerkey());
        assertThat(unpacked.metadata().recipientKid()).isEqualTo(invitationKey.verkey());
        assertThat(request.path("@type").asText()).isEqualTo("https://didcomm.org/didexchange/1.1/request");
        assertThat(request.path("~thread").path("pthid").asText()).isEqualTo("inv-1");
        assertThat(DidPeer4.isLongForm(request.path("did").asText())).isTrue();
        assertThat(new DidPeer4().resolve(request.path("did").asText())).isPresent();
    }

    @Test
    void takesTheRoutingKeyFromMediateGrantAndRejectsAProblemReport() {
        ObjectNode grant = reply("https://didcomm.org/coordinate-mediation/1.0/mediate-grant");
        grant.put("endpoint", "http://127.0.0.1:8080/");
        grant.putArray("routing_keys").add(DidKey.fromVerkey(routingKey.verkey()));

        wallet.expect(toWallet(grant), "mediate-grant");

        assertThat(wallet.routingKey()).isEqualTo(routingKey.verkey());
        ObjectNode problem = reply("https://didcomm.org/report-problem/1.0/problem-report");
        problem.putObject("description").put("en", "mediation not granted");
        assertThatThrownBy(() -> wallet.expect(toWallet(problem), "keylist-update-response"))
                .hasMessageContaining("mediation not granted");
    }

    @Test
    void aForwardDeliveredLiveIsUnpackedRecordedAndAcknowledged() throws Exception {
        ForwardFactory.Packed packed =
                new ForwardFactory("t", 10).forward(wallet.recipientVerkey(), routingKey.verkey());
        // the mediator's part: unpack the forward with the routing key, store msg, deliver it in pickup 2.0
        UnpackedMessage outer = mediator.unpack(packed.body());
        JsonNode forward = JSON.readTree(outer.plaintext());
        assertThat(outer.metadata().anonymousSender()).isTrue();
        assertThat(forward.path("to").asText()).isEqualTo(wallet.recipientVerkey());
        ObjectNode delivery = reply("https://didcomm.org/messagepickup/2.0/delivery");
        ObjectNode attachment = delivery.putArray("~attach").addObject().put("@id", "queue-id-1");
        attachment.putObject("data").set("json", forward.path("msg"));
        ledger.sent(packed.id().id(), packed.id().sentMicros());

        String ack =
                wallet.onFrame(toWallet(delivery), InnerMessage.nowMicros()).orElseThrow();

        JsonNode received = JSON.readTree(mediator.unpack(ack).plaintext());
        assertThat(received.path("@type").asText())
                .isEqualTo("https://didcomm.org/messagepickup/2.0/messages-received");
        assertThat(received.path("message_id_list").get(0).asText()).isEqualTo("queue-id-1");
        LedgerReport report = ledger.report();
        assertThat(report.received()).isEqualTo(1);
        assertThat(report.lost()).isZero();
        assertThat(wallet.deliveries()).isEqualTo(1);
        assertThat(wallet.problemReports()).isZero();
    }

    @Test
    void aForwardedMessageWrittenAsItIsInImplicitModeIsRecorded() throws Exception {
        ForwardFactory.Packed packed =
                new ForwardFactory("t", 10).forward(wallet.recipientVerkey(), routingKey.verkey());
        JsonNode forward = JSON.readTree(mediator.unpack(packed.body()).plaintext());
        ledger.sent(packed.id().id(), packed.id().sentMicros());

        assertThat(wallet.onFrame(JSON.writeValueAsString(forward.path("msg")), InnerMessage.nowMicros()))
                .isEmpty();

        assertThat(ledger.report().received()).isEqualTo(1);
        assertThat(wallet.implicitDeliveries()).isEqualTo(1);
    }

    @Test
    void aDeliveryArrivingWhileWaitingForAReplyIsRecordedAndAcknowledged() throws Exception {
        ForwardFactory.Packed packed =
                new ForwardFactory("t", 10).forward(wallet.recipientVerkey(), routingKey.verkey());
        JsonNode forward = JSON.readTree(mediator.unpack(packed.body()).plaintext());
        ObjectNode delivery = reply("https://didcomm.org/messagepickup/2.0/delivery");
        ObjectNode attachment = delivery.putArray("~attach").addObject().put("@id", "queue-id-7");
        attachment.putObject("data").set("json", forward.path("msg"));
        ledger.sent(packed.id().id(), packed.id().sentMicros());
        ObjectNode grant = reply("https://didcomm.org/coordinate-mediation/1.0/mediate-grant");
        grant.putArray("routing_keys").add(DidKey.fromVerkey(routingKey.verkey()));

        assertThat(wallet.tryExpect(toWallet(delivery), "mediate-grant", InnerMessage.nowMicros()))
                .isFalse();
        assertThat(wallet.tryExpect(toWallet(grant), "mediate-grant", InnerMessage.nowMicros()))
                .isTrue();

        assertThat(ledger.report().received()).isEqualTo(1);
        assertThat(ledger.report().lost()).isZero();
        assertThat(wallet.deliveries()).isEqualTo(1);
        assertThat(wallet.staleReplies()).isZero();
        List<String> acks = wallet.takeAcks();
        assertThat(acks).hasSize(1);
        JsonNode ack = JSON.readTree(mediator.unpack(acks.get(0)).plaintext());
        assertThat(ack.path("@type").asText()).isEqualTo("https://didcomm.org/messagepickup/2.0/messages-received");
        assertThat(ack.path("message_id_list").get(0).asText()).isEqualTo("queue-id-7");
        assertThat(wallet.takeAcks()).isEmpty();
    }

    @Test
    void aForwardedMessageArrivingWhileWaitingForAReplyIsRecorded() throws Exception {
        ForwardFactory.Packed packed =
                new ForwardFactory("t", 10).forward(wallet.recipientVerkey(), routingKey.verkey());
        JsonNode forward = JSON.readTree(mediator.unpack(packed.body()).plaintext());
        ledger.sent(packed.id().id(), packed.id().sentMicros());

        assertThat(wallet.tryExpect(
                        JSON.writeValueAsString(forward.path("msg")),
                        "keylist-update-response",
                        InnerMessage.nowMicros()))
                .isFalse();

        assertThat(ledger.report().received()).isEqualTo(1);
        assertThat(wallet.implicitDeliveries()).isEqualTo(1);
        assertThat(wallet.staleReplies()).isZero();
        assertThat(wallet.takeAcks()).isEmpty();
    }

    @Test
    void aRepeatedReplyWhileWaitingIsStaleAndAProblemReportThrows() {
        ObjectNode response = reply("https://didcomm.org/didexchange/1.1/response");
        assertThat(wallet.tryExpect(toWallet(response), "mediate-grant", 0)).isFalse();
        assertThat(wallet.staleReplies()).isEqualTo(1);
        ObjectNode problem = reply("https://didcomm.org/report-problem/1.0/problem-report");
        problem.putObject("description").put("en", "nope");
        assertThatThrownBy(() -> wallet.tryExpect(toWallet(problem), "mediate-grant", 0))
                .hasMessageContaining("nope");
    }

    @Test
    void framesThatAreNotDeliveriesAreNotAcknowledged() {
        ObjectNode status = reply("https://didcomm.org/messagepickup/2.0/status");
        status.put("message_count", 0);

        assertThat(wallet.onFrame(toWallet(status), 0)).isEmpty();
        assertThat(wallet.onFrame("{\"not\":\"an envelope\"}", 0)).isEmpty();
        assertThat(wallet.problemReports()).isEqualTo(1);
    }

    private static ObjectNode reply(String type) {
        ObjectNode m = JSON.createObjectNode();
        m.put("@type", type);
        m.put("@id", "r-1");
        return m;
    }

    private String toWallet(ObjectNode message) {
        try {
            return mediator.packAuthcrypt(
                    JSON.writeValueAsBytes(message), List.of(wallet.connectionVerkey()), invitationKey.verkey());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String invitationUrl() {
        String json =
                """
                {"@type":"https://didcomm.org/out-of-band/1.1/invitation","@id":"inv-1","label":"m",
                 "services":[{"id":"#inline-0","type":"did-communication","recipientKeys":["%s"],
                 "serviceEndpoint":"ws://127.0.0.1:8765/ws"},
                 {"id":"#inline-1","type":"did-communication","recipientKeys":["%s"],
                 "serviceEndpoint":"http://127.0.0.1:8080/"}]}""".formatted(DidKey.fromVerkey(invitationKey.verkey()), DidKey.fromVerkey(invitationKey.verkey()));
        return "http://127.0.0.1:8080/?oob="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
