package dev.switchboard.didcomm.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.did.Ed25519;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DIDComm v1 envelopes both ways with real Credo 0.6.3 ({@code DidCommEnvelopeService}, through
 * {@code interop/credo/envelope.mjs}). Skipped only when {@code node} is not installed; installs the npm
 * packages itself when missing ({@code interop/credo/scripts/ensure-deps.mjs}).
 */
class CredoEnvelopeIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CREDO = Path.of("..", "interop", "credo").toAbsolutePath().normalize();

    @BeforeAll
    static void nodeAndPackages() throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed: Credo interop skipped");
        assertThat(CREDO.resolve("envelope.mjs")).exists();
        Process p = new ProcessBuilder("node", "scripts/ensure-deps.mjs")
                .directory(CREDO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("npm install finished").isTrue();
        assertThat(p.exitValue()).as("ensure-deps exit status").isZero();
    }

    static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs envelope.mjs once with the requests as JSON lines; returns one answer per request. */
    static List<JsonNode> credo(List<ObjectNode> requests) throws Exception {
        Process p = new ProcessBuilder("node", "envelope.mjs")
                .directory(CREDO.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            for (ObjectNode r : requests) {
                in.write((r.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        List<JsonNode> answers = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                answers.add(JSON.readTree(line));
            }
        }
        assertThat(answers).as("answers: " + out).hasSize(requests.size());
        return answers;
    }

    static String hex(Ed25519.KeyPair k) {
        return HexFormat.of().formatHex(k.seed());
    }

    @Test
    void envelopesBothWays() throws Exception {
        Ed25519.KeyPair javaKey = Ed25519.generate();
        Ed25519.KeyPair credoKey = Ed25519.generate();
        Ed25519.KeyPair otherJavaKey = Ed25519.generate();
        MapSecrets javaSecrets = new MapSecrets().add(javaKey.toSecret());
        EncryptionEnvelope java = new EncryptionEnvelope(javaSecrets);
        ObjectNode message = JSON.createObjectNode()
                .put("@type", "https://didcomm.org/trust_ping/1.0/ping")
                .put("@id", "b2c5d0e1-6f0c-4f1e-9a57-0c4bfe0b6f3e")
                .put("comment", "h\u00e9llo \u2603");
        byte[] plaintext = JSON.writeValueAsBytes(message);

        String ourAuthcrypt = java.packAuthcrypt(plaintext, List.of(credoKey.verkey()), javaKey.verkey());
        String ourAnoncrypt = java.packAnoncrypt(plaintext, List.of(credoKey.verkey()));
        // Credo reads multi-recipient messages only when its key is the last one listed (README quirk).
        String ourMulti =
                java.packAuthcrypt(plaintext, List.of(otherJavaKey.verkey(), credoKey.verkey()), javaKey.verkey());

        List<ObjectNode> requests = List.of(
                pack("Authcrypt", credoKey, List.of(javaKey.verkey()), message),
                pack("Anoncrypt", null, List.of(javaKey.verkey()), message),
                pack("Authcrypt", credoKey, List.of(javaKey.verkey(), otherJavaKey.verkey()), message),
                unpack(credoKey, ourAuthcrypt),
                unpack(credoKey, ourAnoncrypt),
                unpack(credoKey, ourMulti));
        List<JsonNode> answers = credo(requests);

        // Credo -> us
        UnpackedMessage auth = java.unpack(answers.get(0).toString());
        assertThat(JSON.readTree(auth.plaintext())).isEqualTo(message);
        assertThat(auth.metadata().senderKid()).isEqualTo(credoKey.verkey());
        assertThat(auth.metadata().recipientKid()).isEqualTo(javaKey.verkey());
        UnpackedMessage anon = java.unpack(answers.get(1).toString());
        assertThat(JSON.readTree(anon.plaintext())).isEqualTo(message);
        assertThat(anon.metadata().anonymousSender()).isTrue();
        UnpackedMessage multi = java.unpack(answers.get(2).toString());
        assertThat(multi.metadata().allRecipientKids()).containsExactly(javaKey.verkey(), otherJavaKey.verkey());
        UnpackedMessage multiOther = new EncryptionEnvelope(new MapSecrets().add(otherJavaKey.toSecret()))
                .unpack(answers.get(2).toString());
        assertThat(multiOther.metadata().recipientKid()).isEqualTo(otherJavaKey.verkey());

        // us -> Credo
        for (int i = 3; i <= 5; i++) {
            JsonNode a = answers.get(i);
            assertThat(a.has("error")).as(a.toString()).isFalse();
            assertThat(a.get("message")).isEqualTo(message);
            assertThat(a.get("recipientVerkey").asText()).isEqualTo(credoKey.verkey());
        }
        assertThat(answers.get(3).get("senderVerkey").asText()).isEqualTo(javaKey.verkey());
        assertThat(answers.get(4).get("senderVerkey").isNull()).isTrue();
        assertThat(answers.get(5).get("senderVerkey").asText()).isEqualTo(javaKey.verkey());
    }

    @Test
    void credoRejectsWhatWeRejectAndViceVersa() throws Exception {
        Ed25519.KeyPair credoKey = Ed25519.generate();
        Ed25519.KeyPair javaKey = Ed25519.generate();
        EncryptionEnvelope java = new EncryptionEnvelope(new MapSecrets().add(javaKey.toSecret()));
        String packed =
                java.packAnoncrypt("{\"@type\":\"x\"}".getBytes(StandardCharsets.UTF_8), List.of(credoKey.verkey()));
        ObjectNode tampered = (ObjectNode) JSON.readTree(packed);
        tampered.put("tag", "AAAAAAAAAAAAAAAAAAAAAA");
        List<JsonNode> answers = credo(List.of(unpack(credoKey, tampered.toString())));
        assertThat(answers.get(0).path("error").path("kind").asText()).isEqualTo("crypto");
        EncryptionEnvelopeTest.expect(
                dev.switchboard.didcomm.ProblemCode.TRUST_CRYPTO,
                () -> new EncryptionEnvelope(new MapSecrets().add(credoKey.toSecret())).unpack(tampered.toString()));
    }

    static ObjectNode pack(String alg, Ed25519.KeyPair sender, List<String> recipients, JsonNode message) {
        ObjectNode r = JSON.createObjectNode().put("op", "pack").put("alg", alg);
        if (sender != null) {
            r.put("senderSeedHex", hex(sender));
        }
        recipients.forEach(r.putArray("recipientVerkeys")::add);
        r.set("message", message);
        return r;
    }

    static ObjectNode unpack(Ed25519.KeyPair recipient, String jwe) throws IOException {
        ObjectNode r = JSON.createObjectNode().put("op", "unpack").put("recipientSeedHex", hex(recipient));
        r.set("jwe", JSON.readTree(jwe));
        return r;
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
