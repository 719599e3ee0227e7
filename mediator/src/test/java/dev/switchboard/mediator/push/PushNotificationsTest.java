package dev.switchboard.mediator.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.config.PushConfig;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.LoopbackPushProviders;
import dev.switchboard.mediator.testing.LoopbackPushProviders.Received;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Push notifications end to end in one mediator against a real Redis and loopback providers speaking FCM HTTP
 * v1, its OAuth2 token endpoint and the signed webhook ({@link LoopbackPushProviders}: delay 500 ms, interval 1
 * h, sweeps every 100 ms, backoff 200 ms, request timeout 10 s). Wallets here talk over HTTP only, so they have
 * no route: they are offline unless a test gives them a socket.
 */
@QuarkusTest
@QuarkusTestResource(value = LoopbackPushProviders.class, restrictToAnnotatedClass = true)
class PushNotificationsTest {
    private static final String FCM = "https://didcomm.org/push-notifications-fcm/1.0/";

    @Inject
    MediatorIdentity identity;

    @Inject
    PushNotifications push;

    @Inject
    PushConfig config;

    @Inject
    DeviceRegistrations registrations;

    @Inject
    PushSchedule schedule;

    @Inject
    RouteTable routes;

    @Inject
    Mailboxes mailboxes;

    @Inject
    FcmNotifier fcm;

    @Inject
    ApnsNotifier apns;

    @Inject
    WebhookNotifier webhook;

    @Inject
    MeterRegistry meters;

    private static LoopbackPushProviders providers() {
        return LoopbackPushProviders.current();
    }

    /** A wallet with a granted mediation, a recipient key and an FCM device {@code token}; returns the key. */
    private static String register(TestWallet wallet, String token) {
        String key = Flows.registerRecipientKey(wallet);
        ObjectNode set = TestWallet.message(FCM + "set-device-info");
        set.put("device_token", token);
        set.put("device_platform", "android");
        assertThat(wallet.call(set).path("status").asText()).isEqualTo("OK");
        return key;
    }

    private void forward(String key) {
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(202);
    }

    private double count(String outcome) {
        var counter = meters.find("switchboard.push")
                .tags("provider", "fcm", "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Lets the delay and several sweeps pass, so that a notification that should not come would have come. */
    private static void quietPeriod() throws InterruptedException {
        Thread.sleep(1_500);
    }

    @Test
    void fiftyForwardsThroughTwoInstancesMakeOneNotificationOnFcmAndOneOnTheWebhook() throws Exception {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String token = "fcm-" + UUID.randomUUID();
        String key = register(wallet, token);
        // a second mediator instance: its own sweeper and clients, sharing only Redis with the first
        PushNotifications other =
                new PushNotifications(config, registrations, schedule, routes, mailboxes, fcm, apns, webhook, meters);
        try {
            for (int i = 0; i < 50; i++) {
                forward(key); // instance 1 stores it and finds no route
                if (i % 2 == 0) {
                    other.messagesWaiting(wallet.verkey()); // as if instance 2 had stored this one
                }
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> providers().fcmRequests(token).size() == 1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> providers().webhookRequests(wallet.verkey()).size() == 1);
            quietPeriod();
        } finally {
            other.close();
        }
        assertThat(providers().fcmRequests(token)).hasSize(1);
        assertThat(providers().webhookRequests(wallet.verkey())).hasSize(1);

        Received sent = providers().fcmRequests(token).get(0);
        assertThat(sent.authorized()).isTrue();
        assertThat(sent.path()).isEqualTo("/v1/projects/" + LoopbackPushProviders.PROJECT_ID + "/messages:send");
        JsonNode message = sent.body().path("message");
        assertThat(message.has("notification")).as("data-only").isFalse();
        assertThat(message.path("data").path("@type").asText()).isEqualTo("https://didcomm.org/push-notifications-fcm");
        assertThat(message.path("data").path("message_count").asInt()).isBetween(1, 50);
        assertThat(message.path("android").path("collapse_key").asText()).isEqualTo(Notification.COLLAPSE_KEY);
        assertThat(message.toString()).doesNotContain("ciphertext"); // never message content

        Received hook = providers().webhookRequests(wallet.verkey()).get(0);
        assertThat(hook.authorized()).as("HS256 request token verified").isTrue();
        assertThat(hook.body().path("devices").get(0).path("device_token").asText())
                .isEqualTo(token);
        assertThat(hook.body().path("message_count").asLong()).isBetween(1L, 50L);
    }

    @Test
    void noNotificationWhileTheWalletHasALiveSocket() throws Exception {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String token = "fcm-" + UUID.randomUUID();
        String key = register(wallet, token);
        double skipped = count("skipped_online");
        try (RecordingRelay relay = new RecordingRelay("relay-" + UUID.randomUUID())) {
            String socket = "s-" + UUID.randomUUID();
            ObjectNode ping = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
            ping.put("response_requested", false);
            assertThat(relay.frame(socket, wallet.pack(ping)).statusCode()).isEqualTo(200); // a route now
            forward(key);
            assertThat(relay.next(socket)).isNotEmpty(); // delivered on the socket (implicit mode)
            push.messagesWaiting(wallet.verkey()); // even when asked, the sweep finds the route
            await().atMost(Duration.ofSeconds(10)).until(() -> count("skipped_online") > skipped);
            quietPeriod();
        }
        assertThat(providers().fcmRequests(token)).isEmpty();
    }

    @Test
    void aWalletWhoseSocketJustClosedIsNotifiedOnlyAfterTheGracePeriod() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String token = "fcm-" + UUID.randomUUID();
        String key = register(wallet, token);
        Instant closed;
        try (RecordingRelay relay = new RecordingRelay("relay-" + UUID.randomUUID())) {
            String socket = "s-" + UUID.randomUUID();
            ObjectNode ping = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
            ping.put("response_requested", false);
            assertThat(relay.frame(socket, wallet.pack(ping)).statusCode()).isEqualTo(200);
            closed = Instant.now();
            assertThat(relay.disconnect(socket).statusCode()).isLessThan(300);
        }
        forward(key); // no route now; due after the 500 ms delay, but the socket closed < 1.5 s ago
        await().atMost(Duration.ofSeconds(15))
                .until(() -> providers().fcmRequests(token).size() == 1);
        assertThat(Duration.between(
                        closed, providers().fcmRequests(token).get(0).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void noNotificationForMessagesPickedUpBeforeItIsDue() throws Exception {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        forward(key);
        forward(key); // no device yet: nothing scheduled
        String token = "fcm-" + UUID.randomUUID();
        ObjectNode set = TestWallet.message(FCM + "set-device-info");
        set.put("device_token", token);
        set.put("device_platform", "android");
        wallet.call(set);
        double skipped = count("skipped_picked_up");
        push.messagesWaiting(wallet.verkey()); // due in 500 ms
        ObjectNode request = TestWallet.message("https://didcomm.org/messagepickup/2.0/delivery-request");
        request.put("limit", 10);
        ObjectNode delivery = wallet.call(request);
        ObjectNode received = TestWallet.message("https://didcomm.org/messagepickup/2.0/messages-received");
        var ids = received.putArray("message_id_list");
        delivery.path("~attach").forEach(a -> ids.add(a.path("@id").asText()));
        assertThat(ids).hasSize(2);
        assertThat(wallet.call(received).path("message_count").asInt()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> count("skipped_picked_up") > skipped);
        quietPeriod();
        assertThat(providers().fcmRequests(token)).isEmpty();
    }

    @Test
    void aTokenFcmCallsUnregisteredIsRemoved() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String token = "gone-" + UUID.randomUUID();
        String key = register(wallet, token);
        double unregistered = count("unregistered");
        forward(key);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        registrations.find(wallet.verkey(), PushProvider.FCM).isEmpty());
        assertThat(providers().fcmRequests(token)).hasSize(1); // not retried
        assertThat(count("unregistered")).isEqualTo(unregistered + 1);
        assertThat(wallet.call(TestWallet.message(FCM + "get-device-info"))
                        .path("description")
                        .path("code")
                        .asText())
                .isEqualTo("e.p.req.not-registered-for-push-notifications");
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String token = "throttled-" + UUID.randomUUID();
        String key = register(wallet, token);
        double retried = count("retried");
        double sent = count("sent");
        forward(key);
        await().atMost(Duration.ofSeconds(15)).until(() -> count("sent") > sent);
        List<Received> requests = providers().fcmRequests(token);
        assertThat(requests).hasSize(2);
        // Retry-After: 1 wins over the 200 ms backoff
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(count("retried")).isEqualTo(retried + 1);
        assertThat(registrations.find(wallet.verkey(), PushProvider.FCM)).isPresent();
    }

    @Test
    void aHangingProviderDelaysNeitherForwardsNorOtherWallets() {
        TestWallet stuck = Flows.mediatedWallet(identity);
        String stuckToken = "hang-" + UUID.randomUUID();
        String stuckKey = register(stuck, stuckToken);
        forward(stuckKey);
        await().atMost(Duration.ofSeconds(10)).until(() -> providers().hanging() == 1);

        TestWallet other = Flows.mediatedWallet(identity);
        String otherToken = "fcm-" + UUID.randomUUID();
        String otherKey = register(other, otherToken);
        try {
            for (int i = 0; i < 20; i++) {
                forward(stuckKey); // each acknowledged (202) while the provider holds the first request
                forward(otherKey);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> providers().fcmRequests(otherToken).size() == 1);
            // the first request is still unanswered: nothing above waited for it
            assertThat(providers().hanging()).isEqualTo(1);
            assertThat(providers().fcmRequests(stuckToken)).hasSize(1);
        } finally {
            providers().releaseHangs();
        }
    }
}
