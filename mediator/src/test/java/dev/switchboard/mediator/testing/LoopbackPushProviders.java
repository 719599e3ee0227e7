package dev.switchboard.mediator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback stand-ins for the push providers that cannot be reached from here, speaking their documented
 * protocols: the OAuth2 token endpoint a service-account JSON names ({@code token_uri}, JWT-bearer grant, answer
 * {@code {"access_token","expires_in","token_type"}}), FCM HTTP v1 {@code POST
 * /v1/projects/{id}/messages:send} (answer {@code {"name"}}, errors {@code {"error":{"code","message","status",
 * "details":[FcmError]}}}), and a webhook receiver that verifies the HS256 request token. The production clients
 * are used unchanged; only base URLs point here. FCM behaviour is chosen by the device token's prefix: {@code
 * gone-} 404 {@code UNREGISTERED}; {@code throttled-} 429 with {@code Retry-After: 1} once, then 200; {@code
 * hang-} no answer until {@link #releaseHangs()}; anything else 200.
 */
public class LoopbackPushProviders implements QuarkusTestResourceLifecycleManager {
    /** The webhook's shared secret in the test profile. */
    public static final String WEBHOOK_SECRET = "switchboard-test-webhook-secret-0123456789";
    /** The Firebase project id of the test service account. */
    public static final String PROJECT_ID = "switchboard-test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile LoopbackPushProviders current;

    /** One request an endpoint received. */
    public record Received(Instant at, String path, JsonNode body, boolean authorized) {}

    private final List<Received> fcm = new CopyOnWriteArrayList<>();
    private final List<Received> webhook = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final AtomicInteger hanging = new AtomicInteger();
    private volatile CountDownLatch hangs = new CountDownLatch(1);
    private final RequestVerifier verifier = RequestVerifier.hs256(SharedSecret.ofUtf8(WEBHOOK_SECRET));
    private HttpServer server;

    /** The running instance (started by Quarkus for the annotated test class). */
    public static LoopbackPushProviders current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/token", this::token);
            server.createContext("/v1/projects/", this::fcmSend);
            server.createContext("/webhook", this::webhook);
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path account = Files.createTempFile(Path.of("target").toAbsolutePath(), "service-account", ".json");
            Files.writeString(account, serviceAccount(base + "/token"));
            current = this;
            return Map.ofEntries(
                    Map.entry("switchboard.push.fcm.base-url", base),
                    Map.entry("switchboard.push.fcm.projects.main.service-account-file", account.toString()),
                    Map.entry("switchboard.push.webhook.url", base + "/webhook"),
                    Map.entry("switchboard.push.webhook.secret", WEBHOOK_SECRET),
                    Map.entry("switchboard.push.delay", "500ms"),
                    Map.entry("switchboard.push.interval", "1h"),
                    Map.entry("switchboard.push.grace", "1500ms"),
                    Map.entry("switchboard.push.sweep-period", "100ms"),
                    Map.entry("switchboard.push.backoff", "200ms"),
                    Map.entry("switchboard.push.request-timeout", "10s"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        releaseHangs();
        if (server != null) {
            server.stop(0);
        }
    }

    /** FCM send requests received so far, oldest first. */
    public List<Received> fcmRequests() {
        return List.copyOf(fcm);
    }

    /** FCM send requests for one device token. */
    public List<Received> fcmRequests(String token) {
        return fcm.stream()
                .filter(r -> token.equals(r.body().path("message").path("token").asText()))
                .toList();
    }

    /** All webhook requests, oldest first. */
    public List<Received> webhookRequests() {
        return List.copyOf(webhook);
    }

    /** Webhook requests naming one wallet. */
    public List<Received> webhookRequests(String conn) {
        return webhook.stream()
                .filter(r -> conn.equals(r.body().path("connection").asText()))
                .toList();
    }

    /** Access tokens issued by the token endpoint. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** FCM requests of {@code hang-} tokens currently held without an answer. */
    public int hanging() {
        return hanging.get();
    }

    /** Answers every held {@code hang-} request (503) and stops holding new ones until the next call. */
    public void releaseHangs() {
        hangs.countDown();
    }

    private void token(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!form.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")) {
            respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        int n = tokensIssued.incrementAndGet();
        respond(
                exchange,
                200,
                "{\"access_token\":\"test-access-token-" + n + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
    }

    private void fcmSend(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        boolean authorized = auth != null && auth.startsWith("Bearer test-access-token-");
        String path = exchange.getRequestURI().getPath();
        fcm.add(new Received(Instant.now(), path, body, authorized));
        String token = body.path("message").path("token").asText();
        if (!authorized) {
            respond(exchange, 401, error(401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR"));
        } else if (!path.equals("/v1/projects/" + PROJECT_ID + "/messages:send")) {
            respond(exchange, 404, error(404, "NOT_FOUND", null));
        } else if (token.startsWith("gone-")) {
            respond(exchange, 404, error(404, "NOT_FOUND", "UNREGISTERED"));
        } else if (token.startsWith("throttled-")
                && throttled.computeIfAbsent(token, t -> new AtomicInteger()).getAndIncrement() == 0) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            respond(exchange, 429, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED"));
        } else if (token.startsWith("hang-")) {
            hanging.incrementAndGet();
            try {
                hangs.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                hanging.decrementAndGet();
            }
            respond(exchange, 503, error(503, "UNAVAILABLE", "UNAVAILABLE"));
        } else {
            respond(exchange, 200, "{\"name\":\"projects/" + PROJECT_ID + "/messages/" + fcm.size() + "\"}");
        }
    }

    private void webhook(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean authorized = verifier.verify(
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        "POST",
                        exchange.getRequestURI().getPath(),
                        body)
                .ok();
        webhook.add(new Received(Instant.now(), exchange.getRequestURI().getPath(), JSON.readTree(body), authorized));
        respond(exchange, authorized ? 204 : 401, null);
    }

    private static String error(int code, String status, String errorCode) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code).put("message", status.toLowerCase()).put("status", status);
        if (errorCode != null) {
            error.putArray("details")
                    .addObject()
                    .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
                    .put("errorCode", errorCode);
        }
        return root.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** A service-account JSON with a fresh RSA key whose {@code token_uri} is the loopback token endpoint. */
    private static String serviceAccount(String tokenUri) {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            ObjectNode account = JSON.createObjectNode();
            account.put("type", "service_account");
            account.put("project_id", PROJECT_ID);
            account.put("private_key_id", "test-key-1");
            account.put("private_key", pem);
            account.put("client_email", "switchboard@" + PROJECT_ID + ".iam.gserviceaccount.com");
            account.put("client_id", "1234567890");
            account.put("token_uri", tokenUri);
            return account.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
