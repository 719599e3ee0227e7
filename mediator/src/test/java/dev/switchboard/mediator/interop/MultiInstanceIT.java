package dev.switchboard.mediator.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.testing.RedisTestResource;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two relays and two mediators on one Redis, with real Credo 0.6.3 agents. Relay A posts to mediator A,
 * relay B to mediator B; both mediators announce mediator B's HTTP URL (as a load balancer would), so every
 * forward the sender POSTs lands on B while the wallet's socket is on relay A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    static Stack stack;
    static Stack.Relay relayA;
    static Stack.Relay relayB;
    static Stack.Mediator mediatorA;
    static Stack.Mediator mediatorB;
    static AgentHost host;
    static String connection;

    @BeforeAll
    static void start() {
        startOn(new Stack());
    }

    /** Starts the relays, the mediators and the agent host on {@code redis}. */
    static void startOn(Stack redis) {
        stack = redis;
        int portA = RedisTestResource.freePort();
        int portB = RedisTestResource.freePort();
        relayA = stack.relay("multi-relay-a", URI.create("http://127.0.0.1:" + portA + "/"));
        relayB = stack.relay("multi-relay-b", URI.create("http://127.0.0.1:" + portB + "/"));
        mediatorB = stack.mediator("multi-mediator-b", portB, portB, List.of(relayB.wsUrl()));
        mediatorA = stack.mediator("multi-mediator-a", portA, portB, List.of(relayA.wsUrl()));
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

    private static boolean received(ObjectNode e, String agent, String prefix) {
        return e.path("event").asText().equals("basicMessage")
                && e.path("agent").asText().equals(agent)
                && e.path("content").asText().startsWith(prefix);
    }

    private static void send(String content) {
        host.send(AgentHost.command("sendBasicMessage")
                .put("from", "s1")
                .put("connectionId", connection)
                .put("content", content));
    }

    private static List<String> expect(String agent, String prefix, int count) {
        return host.await(e -> received(e, agent, prefix), count, WAIT).stream()
                .map(e -> e.path("content").asText())
                .toList();
    }

    @Test
    @Order(1)
    void aWalletOnRelayAReceivesForwardsPostedToMediatorB() {
        String invitation = Stack.invitationUrl(mediatorA);
        ObjectNode ready = host.send(AgentHost.command("createWallet")
                .put("id", "m1")
                .put("mediatorInvitationUrl", invitation)
                .put("transport", "ws"));
        assertThat(ready.path("mediationState").asText()).isEqualTo("granted");
        assertThat(ready.path("endpoint").asText()).isEqualTo(mediatorB.url().toString());

        host.send(AgentHost.command("createSender")
                .put("id", "s1")
                .put("httpPort", RedisTestResource.freePort())
                .put("wsPort", RedisTestResource.freePort()));
        ObjectNode inv = host.send(AgentHost.command("createInvitation").put("agent", "m1"));
        connection = host.send(AgentHost.command("receiveInvitation")
                        .put("agent", "s1")
                        .put("url", inv.path("url").asText()))
                .path("connectionId")
                .asText();
        for (int i = 1; i <= 3; i++) {
            send("via-b #" + i);
        }
        assertThat(expect("m1", "via-b", 3))
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 3).mapToObj(i -> "via-b #" + i).toList());
    }

    @Test
    @Order(2)
    void anOfflineWalletReconnectingThroughRelayBGetsEverythingInOrder() {
        host.send(AgentHost.command("stopWallet").put("id", "m1"));
        for (int i = 1; i <= 5; i++) {
            send("queued #" + i);
        }
        host.send(AgentHost.command("startWallet")
                .put("id", "m1")
                .put("wsUrl", relayB.wsUrl().toString()));
        assertThat(expect("m1", "queued", 5))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 5)
                        .mapToObj(i -> "queued #" + i)
                        .toList());
    }

    @Test
    @Order(3)
    void aRelayKilledWithSigkillLosesNoMessage() {
        // the wallet is on relay B now; kill it without a drain
        relayB.process().kill();
        for (int i = 1; i <= 5; i++) {
            send("after-kill #" + i);
        }
        host.send(AgentHost.command("stopWallet").put("id", "m1"));
        host.send(AgentHost.command("startWallet")
                .put("id", "m1")
                .put("wsUrl", relayA.wsUrl().toString()));
        assertThat(expect("m1", "after-kill", 5))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 5)
                        .mapToObj(i -> "after-kill #" + i)
                        .toList());
    }
}
