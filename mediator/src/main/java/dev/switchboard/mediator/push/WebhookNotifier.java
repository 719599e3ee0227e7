package dev.switchboard.mediator.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.config.PushConfig;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The operator's webhook: {@code POST switchboard.push.webhook.url} once per notification, body {@code
 * {"event":"messages-waiting","connection":"<wallet connection key>",
 * "message_count":n,"collapse_key","devices":[{"provider":"fcm"|"apns","device_token","device_platform"}]}}
 * (never message content), {@code Authorization: Bearer <token>} when a secret is set: the relay's HS256 request
 * token ({@code socketdock-protocol} {@link RequestSigner}), whose claims bind the method, the path and the body's
 * SHA-256, so the receiver verifies it with {@code RequestVerifier.hs256}. Answers: 2xx sent; 429 and 5xx
 * retried ({@code Retry-After} read); other statuses rejected.
 */
@ApplicationScoped
public class WebhookNotifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final @Nullable URI url;
    private final RequestSigner signer;
    private final PushConfig config;
    private final HttpClient http;

    /** @param config {@code switchboard.push.*} */
    public WebhookNotifier(PushConfig config) {
        this.config = config;
        this.url = config.webhook().url().map(URI::create).orElse(null);
        this.signer = config.webhook().secret().isPresent()
                ? RequestSigner.hs256(
                        SharedSecret.ofUtf8(config.webhook().secret().get()))
                : RequestSigner.none();
        this.http =
                HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    /** True when a URL is configured. */
    public boolean enabled() {
        return url != null;
    }

    /** Posts one notification about a wallet and its devices. */
    public SendResult send(Notification notification, List<DeviceRegistration> devices) {
        if (url == null) {
            return new SendResult.Rejected("no webhook URL");
        }
        byte[] body = body(notification, devices);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String authorization = signer.authorization("POST", url, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new SendResult.Sent();
            }
            if (status == 429 || status >= 500) {
                return new SendResult.Retry(
                        RetryAfter.parse(response.headers().firstValue("Retry-After"), Instant.now()),
                        "HTTP " + status);
            }
            return new SendResult.Rejected("HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new SendResult.Retry(null, "timeout");
        } catch (IOException e) {
            return new SendResult.Retry(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Rejected("interrupted");
        }
    }

    static byte[] body(Notification notification, List<DeviceRegistration> devices) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", "messages-waiting");
        body.put("connection", notification.conn());
        body.put("message_count", notification.messageCount());
        body.put("collapse_key", Notification.COLLAPSE_KEY);
        var list = body.putArray("devices");
        for (DeviceRegistration d : devices) {
            ObjectNode o = list.addObject();
            o.put("provider", d.provider().label());
            o.put("device_token", d.token());
            if (d.platform() != null) {
                o.put("device_platform", d.platform());
            }
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
