package dev.switchboard.mediator.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.testing.LoopbackPushProviders;
import dev.switchboard.mediator.testing.RedisTestResource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Credo 0.6.3 wallet (WebSocket only, PickUpV2LiveMode) registers its device with push-notifications-fcm
 * 1.0 {@code set-device-info} and reads it back with {@code get-device-info}; online, it gets no push; offline, 20
 * messages from a second agent make exactly one notification on the webhook and one on the FCM endpoint (loopback
 * servers speaking FCM HTTP v1 and its OAuth2 token endpoint: the mediator's production client, only the base URLs
 * differ); back online, it receives all 20 in order.
 */
class PushNotificationsInteropIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "credo-fcm-registration-token";

    static Stack stack;
    static Stack.Mediator mediator;
    static AgentHost host;
    static LoopbackPushProviders providers;

    @BeforeAll
    static void start() {
        providers = new LoopbackPushProviders();
        Map<String, String> push = new HashMap<>(providers.start());
        push.put("switchboard.push.delay", "1s");
        push.put("switchboard.push.grace", "2s");
        stack = new Stack();
        int port = RedisTestResource.freePort();
        Stack.Relay relay = stack.relay("relay-push", URI.create("http://127.0.0.1:" + port + "/"));
        mediator = stack.mediator("mediator-push", port, port, List.of(relay.wsUrl()), push);
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
        if (providers != null) {
            providers.stop();
        }
    }

    private static boolean is(ObjectNode e, String event, String agent) {
        return e.path("event").asText().equals(event)
                && e.path("agent").asText().equals(agent);
    }

    @Test
    void anOfflineCredoWalletIsWokenOnceAndThenReceivesEverything() {
        String id = "phone";
        ObjectNode ready = host.send(AgentHost.command("createWallet")
                .put("id", id)
                .put("mediatorInvitationUrl", Stack.invitationUrl(mediator))
                .put("transport", "ws"));
        assertThat(ready.path("mediationState").asText()).isEqualTo("granted");
        String mediatorConnection = ready.path("mediatorConnectionId").asText();

        ObjectNode set = host.send(AgentHost.command("setDeviceInfo")
                .put("agent", id)
                .put("connectionId", mediatorConnection)
                .put("deviceToken", TOKEN)
                .put("devicePlatform", "android"));
        assertThat(set.path("ackType").asText()).isEqualTo("https://didcomm.org/push-notifications-fcm/1.0/ack");
        assertThat(set.path("status").asText()).isEqualTo("OK");
        ObjectNode info =
                host.send(AgentHost.command("getDeviceInfo").put("agent", id).put("connectionId", mediatorConnection));
        assertThat(info.path("deviceToken").asText()).isEqualTo(TOKEN);
        assertThat(info.path("devicePlatform").asText()).isEqualTo("android");

        host.send(AgentHost.command("createSender")
                .put("id", "sender")
                .put("httpPort", RedisTestResource.freePort())
                .put("wsPort", RedisTestResource.freePort()));
        ObjectNode invitation = host.send(AgentHost.command("createInvitation").put("agent", id));
        String connection = host.send(AgentHost.command("receiveInvitation")
                        .put("agent", "sender")
                        .put("url", invitation.path("url").asText()))
                .path("connectionId")
                .asText();
        host.await(
                e -> is(e, "connection", id)
                        && e.path("outOfBandId")
                                .asText()
                                .equals(invitation.path("outOfBandId").asText())
                        && e.path("state").asText().equals("completed"),
                1,
                WAIT);

        // online: messages arrive live, and no push is sent (past the 1 s delay and many sweeps)
        send(connection, "online", 3);
        host.await(e -> is(e, "basicMessage", id) && e.path("content").asText().startsWith("online"), 3, WAIT);
        ChildProcess.sleep(2_500);
        assertThat(providers.fcmRequests(TOKEN)).isEmpty();
        assertThat(providers.webhookRequests()).isEmpty();

        host.send(AgentHost.command("stopWallet").put("id", id));
        send(connection, "offline", 20);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (providers.fcmRequests(TOKEN).isEmpty() && System.nanoTime() < deadline) {
            ChildProcess.sleep(100);
        }
        ChildProcess.sleep(3_000); // would a second notification come, it would have come
        assertThat(providers.fcmRequests(TOKEN)).hasSize(1);
        LoopbackPushProviders.Received fcm = providers.fcmRequests(TOKEN).get(0);
        assertThat(fcm.authorized()).isTrue();
        assertThat(fcm.body().path("message").path("data").path("message_count").asInt())
                .isBetween(1, 20);
        List<LoopbackPushProviders.Received> hooks = providers.webhookRequests();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).authorized()).isTrue();
        assertThat(hooks.get(0)
                        .body()
                        .path("devices")
                        .get(0)
                        .path("device_token")
                        .asText())
                .isEqualTo(TOKEN);

        ObjectNode back = host.send(AgentHost.command("startWallet").put("id", id));
        assertThat(back.path("mediationState").asText()).isEqualTo("granted");
        List<String> received = host
                .await(
                        e -> is(e, "basicMessage", id)
                                && e.path("content").asText().startsWith("offline"),
                        20,
                        WAIT)
                .stream()
                .map(e -> e.path("content").asText())
                .toList();
        assertThat(received)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> "offline #" + i)
                        .toList());
        assertThat(providers.fcmRequests(TOKEN)).hasSize(1);
        assertThat(providers.webhookRequests()).hasSize(1);
    }

    private static void send(String connection, String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            host.send(AgentHost.command("sendBasicMessage")
                    .put("from", "sender")
                    .put("connectionId", connection)
                    .put("content", prefix + " #" + i));
        }
    }
}
