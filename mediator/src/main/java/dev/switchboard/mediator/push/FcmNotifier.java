package dev.switchboard.mediator.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.switchboard.mediator.config.PushConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Firebase Cloud Messaging HTTP v1: {@code POST {base-url}/v1/projects/{project_id}/messages:send} with {@code
 * Authorization: Bearer <OAuth2 access token>} (scope {@code https://www.googleapis.com/auth/firebase.messaging})
 * minted by google-auth-library from the project's service-account JSON (its {@code token_uri}), and body
 * {@code {"message":{"token","data","android":{"collapse_key","priority":"HIGH"},"apns":{"headers",
 * "payload":{"aps":{"content-available":1}}}}}}: data only, no notification block (<a
 * href="https://firebase.google.com/docs/reference/fcm/rest/v1/projects.messages/send">projects.messages.send</a>).
 * The {@code data} is {@code {"@type": "https://didcomm.org/push-notifications-fcm", "message_count": "<n>"}}
 * (RFC 0734, "Sending Push Notifications"; FCM data values are strings).
 *
 * <p>Answers: 2xx sent; 404, or an {@code FcmError} with {@code errorCode} {@code UNREGISTERED}, unregistered
 * (<a href="https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode">ErrorCode</a>); 429 and 5xx
 * retried ({@code Retry-After} read); other 4xx rejected. Several Firebase projects: a registration's {@code
 * device_platform} selects the project of that name, else the default project.
 */
@ApplicationScoped
public class FcmNotifier implements Notifier {
    /** The OAuth2 scope FCM HTTP v1 needs. */
    public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushConfig config;
    private final Map<String, Project> projects = new HashMap<>();
    private final @Nullable Project defaultProject;
    private final HttpClient http;

    /** One configured Firebase project. */
    record Project(String projectId, GoogleCredentials credentials) {}

    /**
     * Loads every configured project's service account.
     *
     * @throws IllegalStateException when a project's credentials are missing or unreadable (at startup)
     */
    public FcmNotifier(PushConfig config) {
        this.config = config;
        config.fcm()
                .projects()
                .forEach((name, project) -> projects.put(name.toLowerCase(Locale.ROOT), load(name, project)));
        String dflt = config.fcm()
                .defaultProject()
                .orElse(projects.size() == 1 ? projects.keySet().iterator().next() : null);
        if (dflt != null && !projects.containsKey(dflt.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException(
                    "switchboard.push.fcm.default-project: " + dflt + " (expected: one of " + projects.keySet() + ")");
        }
        this.defaultProject = dflt == null ? null : projects.get(dflt.toLowerCase(Locale.ROOT));
        this.http =
                HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    private static Project load(String name, PushConfig.FcmProject project) {
        try (InputStream in = serviceAccount(name, project)) {
            GoogleCredentials credentials =
                    ServiceAccountCredentials.fromStream(in).createScoped(List.of(SCOPE));
            String id = project.projectId()
                    .orElse(credentials instanceof ServiceAccountCredentials sa ? sa.getProjectId() : null);
            if (id == null || id.isBlank()) {
                throw new IllegalStateException("switchboard.push.fcm.projects." + name
                        + ".project-id: missing (and no project_id in the service account)");
            }
            return new Project(id, credentials);
        } catch (IOException e) {
            throw new UncheckedIOException("switchboard.push.fcm.projects." + name + ": unreadable service account", e);
        }
    }

    private static InputStream serviceAccount(String name, PushConfig.FcmProject project) throws IOException {
        if (project.serviceAccountFile().isPresent()) {
            return Files.newInputStream(Path.of(project.serviceAccountFile().get()));
        }
        if (project.serviceAccountJson().isPresent()) {
            return new ByteArrayInputStream(project.serviceAccountJson().get().getBytes(StandardCharsets.UTF_8));
        }
        throw new IllegalStateException(
                "switchboard.push.fcm.projects." + name + ": service-account-file or service-account-json is required");
    }

    @Override
    public PushProvider provider() {
        return PushProvider.FCM;
    }

    @Override
    public boolean enabled() {
        return !projects.isEmpty();
    }

    @Override
    public SendResult send(Notification notification, DeviceRegistration device) {
        Project project = select(device.platform());
        if (project == null) {
            return new SendResult.Rejected("no Firebase project for device_platform " + device.platform());
        }
        String accessToken;
        try {
            project.credentials().refreshIfExpired();
            accessToken = project.credentials().getAccessToken().getTokenValue();
        } catch (IOException | RuntimeException e) {
            return new SendResult.Retry(null, "OAuth2 token: " + e);
        }
        URI uri = URI.create(
                stripSlash(config.fcm().baseUrl()) + "/v1/projects/" + project.projectId() + "/messages:send");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(notification, device)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return classify(
                    response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
        } catch (HttpTimeoutException e) {
            return new SendResult.Retry(null, "timeout");
        } catch (IOException e) {
            return new SendResult.Retry(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Rejected("interrupted");
        }
    }

    private @Nullable Project select(@Nullable String platform) {
        Project byPlatform = platform == null ? null : projects.get(platform.toLowerCase(Locale.ROOT));
        return byPlatform != null ? byPlatform : defaultProject;
    }

    /** The request body (see the class comment). */
    static byte[] body(Notification notification, DeviceRegistration device) {
        ObjectNode message = JSON.createObjectNode();
        ObjectNode m = message.putObject("message");
        m.put("token", device.token());
        ObjectNode data = m.putObject("data");
        data.put("@type", Notification.type(PushProvider.FCM));
        data.put("message_count", Long.toString(notification.messageCount()));
        m.putObject("android").put("collapse_key", Notification.COLLAPSE_KEY).put("priority", "HIGH");
        ObjectNode apns = m.putObject("apns");
        apns.putObject("headers")
                .put("apns-collapse-id", Notification.COLLAPSE_KEY)
                .put("apns-push-type", "background")
                .put("apns-priority", "5");
        apns.putObject("payload").putObject("aps").put("content-available", 1);
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maps FCM's answer (see the class comment). */
    static SendResult classify(int status, String body, java.util.Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return new SendResult.Sent();
        }
        if (status == 429 || status >= 500) {
            return new SendResult.Retry(RetryAfter.parse(retryAfter, Instant.now()), "HTTP " + status);
        }
        String errorCode = errorCode(body);
        if (status == 404 || "UNREGISTERED".equals(errorCode)) {
            return new SendResult.Unregistered("HTTP " + status + " " + errorCode);
        }
        return new SendResult.Rejected("HTTP " + status + " " + errorCode);
    }

    /** The {@code errorCode} of the {@code google.firebase.fcm.v1.FcmError} detail, else {@code error.status}. */
    private static @Nullable String errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            for (JsonNode detail : error.path("details")) {
                if (detail.path("@type").asText().endsWith("google.firebase.fcm.v1.FcmError")) {
                    return detail.path("errorCode").asText(null);
                }
            }
            return error.path("status").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
