package dev.switchboard.mediator.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.testing.RedisTestResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real Credo 0.6.3 wallets (WebSocket transport only) onboard through a real relay from {@code GET
 * /invitation}, get mediation, use PickUpV2LiveMode; a Credo sender sends them basic messages and trust
 * pings over HTTP through the mediator; every message arrives, in order, also after a wallet was offline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredoInteropIT {
    private static final List<String> WALLETS = List.of("w1", "w2", "w3");
    private static final Duration WAIT = Duration.ofSeconds(60);

    static Stack stack;
    static Stack.Mediator mediator;
    static Stack.Relay relay;
    static AgentHost host;
    static final Map<String, String> senderConnection = new HashMap<>();

    @BeforeAll
    static void start() {
        stack = new Stack();
        int port = RedisTestResource.freePort();
        relay = stack.relay("relay-a", java.net.URI.create("http://127.0.0.1:" + port + "/"));
        mediator = stack.mediator("mediator-a", port, List.of(relay.wsUrl()));
        host = new AgentHost(Stack.credoDir());
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static boolean is(ObjectNode e, String event, String agent) {
        return e.path("event").asText().equals(event)
                && e.path("agent").asText().equals(agent);
    }

    @Test
    @Order(1)
    void walletsOnboardThroughTheRelayAndGetMediation() {
        String invitation = Stack.invitationUrl(mediator);
        assertThat(invitation).startsWith(mediator.url() + "?oob=");
        for (String id : WALLETS) {
            ObjectNode create = AgentHost.command("createWallet");
            create.put("id", id).put("mediatorInvitationUrl", invitation).put("transport", "ws");
            ObjectNode ready = host.send(create);
            assertThat(ready.path("mediationState").asText()).as(id).isEqualTo("granted");
            assertThat(ready.path("endpoint").asText()).isEqualTo(mediator.url().toString());
            assertThat(ready.path("routingKeys")).hasSize(1);
        }
    }

    @Test
    @Order(5)
    void aWalletUsingConnections10OnboardsToo() throws Exception {
        String invitation = Stack.invitationUrl(mediator);
        String oob = invitation.substring(invitation.indexOf("oob=") + 4);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        ObjectNode decoded =
                (ObjectNode) json.readTree(java.util.Base64.getUrlDecoder().decode(oob));
        decoded.putArray("handshake_protocols").add("https://didcomm.org/connections/1.0");
        String legacy = mediator.url() + "?oob="
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(decoded));
        ObjectNode ready = host.send(AgentHost.command("createWallet")
                .put("id", "legacy")
                .put("mediatorInvitationUrl", legacy)
                .put("transport", "ws"));
        assertThat(ready.path("mediationState").asText()).isEqualTo("granted");
    }

    @Test
    @Order(2)
    void aSenderConnectsToEachWalletThroughTheMediator() {
        ObjectNode sender = AgentHost.command("createSender");
        sender.put("id", "s1")
                .put("httpPort", RedisTestResource.freePort())
                .put("wsPort", RedisTestResource.freePort());
        host.send(sender);
        for (String id : WALLETS) {
            ObjectNode invitation =
                    host.send(AgentHost.command("createInvitation").put("agent", id));
            assertThat(invitation
                            .path("services")
                            .get(0)
                            .path("serviceEndpoint")
                            .asText())
                    .isEqualTo(mediator.url().toString());
            ObjectNode connected = host.send(AgentHost.command("receiveInvitation")
                    .put("agent", "s1")
                    .put("url", invitation.path("url").asText()));
            senderConnection.put(id, connected.path("connectionId").asText());
            String oob = invitation.path("outOfBandId").asText();
            host.await(
                    e -> is(e, "connection", id)
                            && e.path("outOfBandId").asText().equals(oob)
                            && e.path("state").asText().equals("completed"),
                    1,
                    WAIT);
        }
    }

    @Test
    @Order(3)
    void everyBasicMessageAndTrustPingArrivesInOrder() {
        for (String id : WALLETS) {
            for (int i = 1; i <= 3; i++) {
                host.send(AgentHost.command("sendBasicMessage")
                        .put("from", "s1")
                        .put("connectionId", senderConnection.get(id))
                        .put("content", "online " + id + " #" + i));
            }
        }
        Map<String, String> pings = new HashMap<>();
        for (String id : WALLETS) {
            pings.put(
                    id,
                    host.send(AgentHost.command("sendTrustPing")
                                    .put("from", "s1")
                                    .put("connectionId", senderConnection.get(id)))
                            .path("threadId")
                            .asText());
        }
        for (String id : WALLETS) {
            List<String> received = host.await(e -> is(e, "basicMessage", id), 3, WAIT).stream()
                    .map(e -> e.path("content").asText())
                    .toList();
            assertThat(received)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 3)
                            .mapToObj(i -> "online " + id + " #" + i)
                            .toList());
            host.await(
                    e -> is(e, "trustPing", id) && e.path("threadId").asText().equals(pings.get(id)), 1, WAIT);
            host.await(
                    e -> is(e, "trustPingResponse", "s1")
                            && e.path("threadId").asText().equals(pings.get(id)),
                    1,
                    WAIT);
        }
    }

    @Test
    @Order(4)
    void anOfflineWalletGetsEveryMessageInOrderAfterReconnecting() {
        String id = "w1";
        host.send(AgentHost.command("stopWallet").put("id", id));
        for (int i = 1; i <= 5; i++) {
            host.send(AgentHost.command("sendBasicMessage")
                    .put("from", "s1")
                    .put("connectionId", senderConnection.get(id))
                    .put("content", "offline " + id + " #" + i));
        }
        ChildProcess.sleep(500);
        assertThat(host.events().stream()
                        .filter(e -> is(e, "basicMessage", id)
                                && e.path("content").asText().startsWith("offline")))
                .isEmpty();
        ObjectNode ready = host.send(AgentHost.command("startWallet").put("id", id));
        assertThat(ready.path("mediationState").asText()).isEqualTo("granted");
        List<String> received = host
                .await(
                        e -> is(e, "basicMessage", id)
                                && e.path("content").asText().startsWith("offline"),
                        5,
                        WAIT)
                .stream()
                .map(e -> e.path("content").asText())
                .toList();
        assertThat(received)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 5)
                        .mapToObj(i -> "offline " + id + " #" + i)
                        .toList());
        host.send(AgentHost.command("sendBasicMessage")
                .put("from", "s1")
                .put("connectionId", senderConnection.get(id))
                .put("content", "back " + id));
        host.await(e -> is(e, "basicMessage", id) && e.path("content").asText().equals("back " + id), 1, WAIT);
    }
}
