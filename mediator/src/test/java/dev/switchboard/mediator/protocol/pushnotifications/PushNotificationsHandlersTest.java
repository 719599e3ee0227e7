package dev.switchboard.mediator.protocol.pushnotifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * push-notifications-fcm 1.0 (RFC 0734) and push-notifications-apns 1.0 (RFC 0699), notification-sender role,
 * against a real Redis: the messages of the RFCs' "Messages" sections.
 */
@QuarkusTest
class PushNotificationsHandlersTest {
    private static final String FCM = "https://didcomm.org/push-notifications-fcm/1.0/";
    private static final String APNS = "https://didcomm.org/push-notifications-apns/1.0/";

    @Inject
    MediatorIdentity identity;

    static ObjectNode setFcm(String token, String platform) {
        ObjectNode set = TestWallet.message(FCM + "set-device-info");
        set.put("device_token", token);
        set.put("device_platform", platform);
        return set;
    }

    @Test
    void fcmDeviceIsSetReadBackAndRemoved() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        ObjectNode set = setFcm("fcm-token-1", "android");
        ObjectNode ack = wallet.call(set);
        assertThat(ack.path("@type").asText()).isEqualTo(FCM + "ack");
        assertThat(ack.path("status").asText()).isEqualTo("OK");
        assertThat(ack.path("~thread").path("thid").asText())
                .isEqualTo(set.path("@id").asText());

        ObjectNode get = TestWallet.message(FCM + "get-device-info");
        ObjectNode info = wallet.call(get);
        assertThat(info.path("@type").asText()).isEqualTo(FCM + "device-info");
        assertThat(info.path("device_token").asText()).isEqualTo("fcm-token-1");
        assertThat(info.path("device_platform").asText()).isEqualTo("android");
        assertThat(info.path("~thread").path("thid").asText())
                .isEqualTo(get.path("@id").asText());

        ObjectNode remove = TestWallet.message(FCM + "set-device-info");
        remove.putNull("device_token");
        remove.putNull("device_platform");
        assertThat(wallet.call(remove).path("status").asText()).isEqualTo("OK");
        assertThat(code(wallet.call(TestWallet.message(FCM + "get-device-info"))))
                .isEqualTo("e.p.req.not-registered-for-push-notifications");
    }

    @Test
    void apnsDeviceIsSeparateFromFcm() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        wallet.call(setFcm("fcm-token-2", "ios"));
        ObjectNode set = TestWallet.message(APNS + "set-device-info");
        set.put("device_token", "apns-token-2");
        assertThat(wallet.call(set).path("@type").asText()).isEqualTo(APNS + "ack");

        ObjectNode info = wallet.call(TestWallet.message(APNS + "get-device-info"));
        assertThat(info.path("@type").asText()).isEqualTo(APNS + "device-info");
        assertThat(info.path("device_token").asText()).isEqualTo("apns-token-2");
        assertThat(info.has("device_platform")).isFalse();
        assertThat(wallet.call(TestWallet.message(FCM + "get-device-info"))
                        .path("device_token")
                        .asText())
                .isEqualTo("fcm-token-2");
    }

    @Test
    void legacyPrefixIsAccepted() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        ObjectNode set =
                TestWallet.message("did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/push-notifications-fcm/1.0/set-device-info");
        set.put("device_token", "fcm-token-3");
        set.put("device_platform", "android");
        assertThat(wallet.call(set).path("@type").asText()).isEqualTo(FCM + "ack");
    }

    @Test
    void onlyAGrantedMediationMayRegister() {
        TestWallet stranger = new TestWallet(identity.invitationKey().verkey());
        assertThat(code(stranger.call(setFcm("fcm-token-4", "android")))).isEqualTo("e.p.req.mediation-not-granted");
    }

    @Test
    void badValuesGetProblemReports() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        ObjectNode half = TestWallet.message(FCM + "set-device-info");
        half.put("device_token", "fcm-token-5");
        half.putNull("device_platform");
        assertThat(code(wallet.call(half))).isEqualTo("e.p.msg.missing-value");

        ObjectNode number = setFcm("x", "android");
        number.put("device_token", 42);
        assertThat(code(wallet.call(number))).isEqualTo("e.p.msg.invalid");

        assertThat(code(wallet.call(setFcm("t".repeat(4097), "android")))).isEqualTo("e.p.msg.invalid");
        assertThat(code(wallet.call(TestWallet.message(FCM + "device-info")))).isEqualTo("e.p.msg.unsupported");
    }

    @Test
    void discoverFeaturesListsBoth() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        ObjectNode query = TestWallet.message("https://didcomm.org/discover-features/1.0/query");
        query.put("query", "https://didcomm.org/push-notifications-*");
        List<String> pids = new ArrayList<>();
        for (JsonNode p : wallet.call(query).path("protocols")) {
            pids.add(p.path("pid").asText());
            assertThat(p.path("roles").toString()).contains("notification-sender");
        }
        assertThat(pids)
                .containsExactlyInAnyOrder(
                        "https://didcomm.org/push-notifications-fcm/1.0",
                        "https://didcomm.org/push-notifications-apns/1.0");
    }

    private static String code(ObjectNode report) {
        return report.path("description").path("code").asText();
    }
}
