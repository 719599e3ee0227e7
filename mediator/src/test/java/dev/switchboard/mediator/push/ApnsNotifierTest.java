package dev.switchboard.mediator.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.mediator.config.PushConfig;
import dev.switchboard.mediator.testing.RedisTestResource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The APNs client (pushy) against pushy's own mock APNs server over HTTP/2 + TLS on loopback: the provider token
 * is an ES256 JWT verifiable with the signing key's public half ({@code kid} = key id, {@code iss} = team id),
 * the push is a background, data-only one with a collapse id, and the answers map to the retry policy (410 /
 * {@code Unregistered} removes the token, 429 and 5xx are retried).
 */
class ApnsNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_ID = "ABCDE12345";
    private static final String TEAM_ID = "TEAM123456";
    private static final String TOPIC = "dev.switchboard.wallet";

    record Received(String token, String authorization, Map<String, String> headers, JsonNode payload) {}

    static final List<Received> received = new CopyOnWriteArrayList<>();
    static MockApnsServer server;
    static ApnsNotifier notifier;
    static ECPublicKey providerKey;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "apns");
        // the server's TLS certificate, from the JDK's keytool
        Path p12 = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "apns",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "san=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        p12.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(p12.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        Certificate[] chain = store.getCertificateChain("apns");
        PrivateKey serverKey = (PrivateKey) store.getKey("apns", "changeit".toCharArray());
        Path trusted = dir.resolve("ca.pem");
        Files.writeString(trusted, pem("CERTIFICATE", chain[0].getEncoded()));

        // the provider's signing key, as the .p8 file Apple hands out (PKCS#8 PEM, P-256)
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair signing = ec.generateKeyPair();
        providerKey = (ECPublicKey) signing.getPublic();
        Path p8 = dir.resolve("AuthKey.p8");
        Files.writeString(p8, pem("PRIVATE KEY", signing.getPrivate().getEncoded()));

        int port = RedisTestResource.freePort();
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {(X509Certificate) chain[0]}, serverKey, null)
                .setHandlerFactory(session -> (headers, payload) -> {
                    String path = headers.path().toString();
                    String token = path.substring(path.lastIndexOf('/') + 1);
                    Map<String, String> copy = new java.util.HashMap<>();
                    headers.forEach(
                            h -> copy.put(h.getKey().toString(), h.getValue().toString()));
                    try {
                        received.add(new Received(
                                token,
                                String.valueOf(headers.get("authorization")),
                                copy,
                                JSON.readTree(payload.toString(StandardCharsets.UTF_8))));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    if (token.startsWith("0ff")) {
                        throw new UnregisteredDeviceTokenException(Instant.now());
                    }
                    if (token.startsWith("bbb")) {
                        throw new RejectedNotificationException(RejectionReason.TOO_MANY_REQUESTS);
                    }
                })
                .build();
        server.start(port).get(30, TimeUnit.SECONDS);

        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PushConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValues(Map.of(
                        "switchboard.push.apns.host",
                        "localhost",
                        "switchboard.push.apns.port",
                        Integer.toString(port),
                        "switchboard.push.apns.signing-key-file",
                        p8.toString(),
                        "switchboard.push.apns.key-id",
                        KEY_ID,
                        "switchboard.push.apns.team-id",
                        TEAM_ID,
                        "switchboard.push.apns.topic",
                        TOPIC,
                        "switchboard.push.apns.trusted-certificates-file",
                        trusted.toString()))
                .build();
        notifier = new ApnsNotifier(config.getConfigMapping(PushConfig.class));
    }

    @AfterAll
    static void stop() throws Exception {
        if (notifier != null) {
            notifier.onStop(null);
        }
        if (server != null) {
            server.shutdown().get(30, TimeUnit.SECONDS);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Received last(String token) {
        return received.stream()
                .filter(r -> r.token().equals(token))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void aBackgroundPushWithAnEs256ProviderTokenIsSent() throws Exception {
        String token = "a1".repeat(32);
        SendResult result =
                notifier.send(new Notification("wallet", 7), new DeviceRegistration(PushProvider.APNS, token, null));
        assertThat(result).isInstanceOf(SendResult.Sent.class);

        Received push = last(token);
        assertThat(push.headers())
                .containsEntry("apns-push-type", "background")
                .containsEntry("apns-topic", TOPIC)
                .containsEntry("apns-priority", "5")
                .containsEntry("apns-collapse-id", Notification.COLLAPSE_KEY);
        assertThat(push.payload().path("aps").path("content-available").asInt()).isEqualTo(1);
        assertThat(push.payload().path("aps").has("alert")).as("data-only").isFalse();
        assertThat(push.payload().path("@type").asText()).isEqualTo("https://didcomm.org/push-notifications-apns");
        assertThat(push.payload().path("message_count").asInt()).isEqualTo(7);

        SignedJWT jwt = SignedJWT.parse(push.authorization().replaceFirst("^bearer ", ""));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEY_ID);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(TEAM_ID);
        // pushy signs with the JDK's SHA256withECDSA and sends the DER form; accept either encoding
        byte[] signature = jwt.getSignature().decode();
        byte[] der = signature.length == 64 ? ECDSA.transcodeSignatureToDER(signature) : signature;
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(providerKey);
        verifier.update(jwt.getSigningInput());
        assertThat(verifier.verify(der)).as("signed with the .p8 key").isTrue();
    }

    @Test
    void aTokenApnsCallsUnregisteredIsReportedForRemoval() {
        SendResult result = notifier.send(
                new Notification("wallet", 1), new DeviceRegistration(PushProvider.APNS, "0ff" + "e".repeat(61), null));
        assertThat(result).isInstanceOf(SendResult.Unregistered.class);
    }

    @Test
    void tooManyRequestsIsRetried() {
        SendResult result = notifier.send(
                new Notification("wallet", 1), new DeviceRegistration(PushProvider.APNS, "bbb" + "c".repeat(61), null));
        assertThat(result).isInstanceOf(SendResult.Retry.class);
    }
}
