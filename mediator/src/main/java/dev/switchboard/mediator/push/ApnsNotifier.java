package dev.switchboard.mediator.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.switchboard.mediator.config.PushConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Apple Push Notification service through pushy (HTTP/2, token-based provider authentication: an ES256 JWT
 * from the {@code .p8} signing key, team id and key id, <a
 * href="https://developer.apple.com/documentation/usernotifications/establishing-a-token-based-connection-to-apns">Establishing
 * a token-based connection to APNs</a>). Each notification is a background push ({@code apns-push-type:
 * background}, priority 5, {@code apns-collapse-id}) with payload {@code {"aps":{"content-available":1},
 * "@type":"https://didcomm.org/push-notifications-apns","message_count":n}} (RFC 0699, "Sending Push
 * Notifications"). Answers: accepted sent; 410 (or reason {@code Unregistered}) unregistered; 429 and 5xx
 * retried (APNs sends no {@code Retry-After}); other refusals rejected.
 */
@ApplicationScoped
public class ApnsNotifier implements Notifier {
    private final PushConfig config;
    private final @Nullable ApnsClient client;
    private final @Nullable String topic;

    /**
     * Builds the client when a signing key is configured.
     *
     * @throws IllegalStateException when the key is set but key id, team id or topic is missing
     */
    public ApnsNotifier(PushConfig config) {
        this.config = config;
        PushConfig.Apns apns = config.apns();
        if (apns.signingKeyFile().isEmpty()) {
            this.client = null;
            this.topic = null;
            return;
        }
        String keyId =
                apns.keyId().orElseThrow(() -> new IllegalStateException("switchboard.push.apns.key-id: missing"));
        String teamId =
                apns.teamId().orElseThrow(() -> new IllegalStateException("switchboard.push.apns.team-id: missing"));
        this.topic = apns.topic().orElseThrow(() -> new IllegalStateException("switchboard.push.apns.topic: missing"));
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder()
                    .setApnsServer(apns.host(), apns.port())
                    .setSigningKey(ApnsSigningKey.loadFromPkcs8File(
                            new File(apns.signingKeyFile().get()), teamId, keyId))
                    .setConnectionTimeout(config.requestTimeout());
            if (apns.trustedCertificatesFile().isPresent()) {
                builder.setTrustedServerCertificateChain(
                        new File(apns.trustedCertificatesFile().get()));
            }
            this.client = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("switchboard.push.apns: unreadable signing key or certificates", e);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("switchboard.push.apns.signing-key-file: not an ES256 PKCS#8 key", e);
        }
    }

    @Override
    public PushProvider provider() {
        return PushProvider.APNS;
    }

    @Override
    public boolean enabled() {
        return client != null;
    }

    @Override
    public SendResult send(Notification notification, DeviceRegistration device) {
        if (client == null || topic == null) {
            return new SendResult.Rejected("APNs not configured");
        }
        String payload = new SimpleApnsPayloadBuilder()
                .setContentAvailable(true)
                .addCustomProperty("@type", Notification.type(PushProvider.APNS))
                .addCustomProperty("message_count", notification.messageCount())
                .build();
        SimpleApnsPushNotification push = new SimpleApnsPushNotification(
                device.token(),
                topic,
                payload,
                Instant.now().plus(config.interval()),
                DeliveryPriority.CONSERVE_POWER,
                PushType.BACKGROUND,
                Notification.COLLAPSE_KEY);
        try {
            PushNotificationResponse<SimpleApnsPushNotification> response =
                    client.sendNotification(push).get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (response.isAccepted()) {
                return new SendResult.Sent();
            }
            int status = response.getStatusCode();
            String reason = response.getRejectionReason().orElse("");
            if (status == 410 || "Unregistered".equals(reason)) {
                return new SendResult.Unregistered("HTTP " + status + " " + reason);
            }
            if (status == 429 || status >= 500) {
                return new SendResult.Retry(null, "HTTP " + status + " " + reason);
            }
            return new SendResult.Rejected("HTTP " + status + " " + reason);
        } catch (TimeoutException e) {
            return new SendResult.Retry(null, "timeout");
        } catch (ExecutionException e) {
            return new SendResult.Retry(null, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Rejected("interrupted");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (client != null) {
            client.close();
        }
    }
}
