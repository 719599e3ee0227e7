package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the interop CLIs in {@code interop/didcomm-v2} (JSON request on stdin, JSON answer on stdout).
 * Tests using it are skipped, by assumption, only when {@code node} is not installed.
 */
final class NodeCli {
    static final Path DIR = Path.of(System.getProperty("user.dir"))
            .resolve("../interop/didcomm-v2")
            .normalize();

    private final String script;

    NodeCli(String script) {
        this.script = script;
    }

    /** Skips the calling test when node is absent; fails it when node is there but the packages are not. */
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
        assumeTrue(present, "node is not installed: DIDComm v2 interop ITs skipped");
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            fail("node is installed but " + DIR + "/node_modules is missing: run interop/didcomm-v2/install.sh"
                    + " (Maven does it in pre-integration-test)");
        }
    }

    /** Sends {@code request}, returns the answer; a CLI error fails the test with the library's message. */
    ObjectNode call(ObjectNode request) {
        try {
            Process p = new ProcessBuilder("node", script)
                    .directory(DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (var in = p.getOutputStream()) {
                in.write(Json.write(request).getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(script + " timed out");
            }
            ObjectNode answer = Json.parseObject(out, script + " answer");
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
}
