package dev.switchboard.socketdock.relay.support;

import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import dev.switchboard.socketdock.relay.Relay;
import dev.switchboard.socketdock.relay.RelayConfig;
import dev.switchboard.socketdock.relay.RelayConfigBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** A relay on loopback (ports chosen by the OS) wired to a {@link TestBackend}. */
public final class RelayFixture implements AutoCloseable {
    public static final SharedSecret SECRET = SharedSecret.ofUtf8("test-secret-test-secret-test-secret!");
    public static final String CONNECT = "/socketdock/connect";
    public static final String MESSAGE = "/socketdock/message";
    public static final String DISCONNECT = "/socketdock/disconnect";
    public static final String HEARTBEAT = "/socketdock/heartbeat";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public final TestBackend backend;
    public final Relay relay;
    public final RequestSigner signer = RequestSigner.hs256(SECRET);

    /** Starts a relay with test defaults, adjusted by {@code customize}. */
    public RelayFixture(TestBackend backend, Consumer<RelayConfigBuilder> customize) throws InterruptedException {
        this(backend, customize, OpenTelemetry.noop());
    }

    /** Starts a relay with test defaults, adjusted by {@code customize}, its spans going to {@code openTelemetry}. */
    public RelayFixture(TestBackend backend, Consumer<RelayConfigBuilder> customize, OpenTelemetry openTelemetry)
            throws InterruptedException {
        this.backend = backend;
        RelayConfigBuilder builder = RelayConfig.builder()
                .bindIp("127.0.0.1")
                .bindPort(0)
                .internalPort(0)
                .messageUri(backend.uri(MESSAGE))
                .connectUri(backend.uri(CONNECT))
                .disconnectUri(backend.uri(DISCONNECT))
                .secret(SECRET)
                .instanceId("relay-test")
                .backendTimeout(Duration.ofSeconds(5))
                .eventLoopThreads(2);
        customize.accept(builder);
        this.relay = Relay.start(builder.build(), openTelemetry);
    }

    public URI ws() {
        return URI.create("ws://127.0.0.1:" + relay.publicPort() + "/ws");
    }

    public URI internal(String path) {
        return URI.create("http://127.0.0.1:" + relay.internalPort() + path);
    }

    /** POSTs to a callback with a valid token for exactly this request. */
    public HttpResponse<String> signedPost(URI uri, String contentType, byte[] body) throws Exception {
        return post(uri, contentType, body, signer.authorization("POST", uri, body, RequestBinding.ofCallback(uri)));
    }

    /** POSTs with the given Authorization header (null for none). */
    public static HttpResponse<String> post(URI uri, String contentType, byte[] body, String authorization)
            throws Exception {
        return post(uri, contentType, body, authorization, Map.of());
    }

    /** POSTs with the given Authorization header (null for none) and extra headers. */
    public static HttpResponse<String> post(
            URI uri, String contentType, byte[] body, String authorization, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header(HttpNames.AUTHORIZATION, authorization);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        relay.close();
    }
}
