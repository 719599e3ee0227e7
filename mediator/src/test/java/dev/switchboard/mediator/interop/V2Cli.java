package dev.switchboard.mediator.interop;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.switchboard.didcomm.DidDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a DIDComm v2 interop CLI of {@code interop/didcomm-v2} (didcomm-node 0.4.1 or Veramo 7.0.1 from npm):
 * one JSON request on stdin, one JSON answer on stdout. Also writes DID documents and secrets in
 * didcomm-node's shapes.
 */
final class V2Cli {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR =
            Path.of("..", "interop", "didcomm-v2").toAbsolutePath().normalize();
    static final V2Cli NODE = new V2Cli("didcomm-node-cli.mjs");
    static final V2Cli VERAMO = new V2Cli("veramo-cli.mjs");

    private final String script;

    private V2Cli(String script) {
        this.script = script;
    }

    /** Skips when node is absent; fails when node is there but the npm packages are not installed. */
    static void assumeNode() {
        boolean present;
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        assumeTrue(present, "node is not installed: DIDComm v2 mediator interop IT skipped");
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            fail("node is installed but " + DIR + "/node_modules is missing: run interop/didcomm-v2/install.sh");
        }
    }

    /** Sends {@code request}; a CLI error fails the test with the library's message. */
    ObjectNode call(ObjectNode request) {
        try {
            Process p = new ProcessBuilder("node", script)
                    .directory(DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (var in = p.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(request));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(script + " timed out");
            }
            ObjectNode answer = (ObjectNode) JSON.readTree(out);
            if (answer.has("error")) {
                fail(script + " " + request.path("op").asText() + " failed: "
                        + answer.get("error").asText());
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A DID document in didcomm-node's shape (JsonWebKey2020, serviceEndpoint {uri, accept, routingKeys}). */
    static ObjectNode nodeDoc(DidDocument d) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", d.id());
        d.keyAgreement().forEach(doc.withArray("keyAgreement")::add);
        d.authentication().forEach(doc.withArray("authentication")::add);
        ArrayNode vms = doc.putArray("verificationMethod");
        for (DidDocument.VerificationMethod m : d.verificationMethods()) {
            vms.addObject()
                    .put("id", m.id())
                    .put("type", "JsonWebKey2020")
                    .put("controller", m.controller())
                    .set("publicKeyJwk", JSON.valueToTree(m.publicJwk().toJSONObject()));
        }
        ArrayNode services = doc.putArray("service");
        for (DidDocument.Service s : d.services()) {
            ObjectNode svc = services.addObject().put("id", s.id()).put("type", s.type());
            ObjectNode ep =
                    svc.putObject("serviceEndpoint").put("uri", s.endpoint().toString());
            s.accept().forEach(ep.withArray("accept")::add);
            s.routingKeys().forEach(ep.withArray("routingKeys")::add);
        }
        return doc;
    }

    /** A secret in didcomm-node's shape. */
    static ObjectNode nodeSecret(String kid, OctetKeyPair key) {
        ObjectNode secret = JSON.createObjectNode().put("id", kid).put("type", "JsonWebKey2020");
        secret.set("privateKeyJwk", JSON.valueToTree(key.toJSONObject()));
        return secret;
    }
}
