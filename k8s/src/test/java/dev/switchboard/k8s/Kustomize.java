package dev.switchboard.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Renders a kustomize directory with the {@code kubectl} on this machine ({@code kubectl kustomize DIR}). */
final class Kustomize {
    private Kustomize() {}

    /** The kubectl binary: {@code $KUBECTL}, else {@code /usr/bin/kubectl}, else {@code kubectl} on the PATH. */
    static String kubectl() {
        String env = System.getenv("KUBECTL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return Files.isExecutable(Path.of("/usr/bin/kubectl")) ? "/usr/bin/kubectl" : "kubectl";
    }

    /**
     * Returns the rendered multi-document YAML of {@code dir}.
     *
     * @throws IllegalStateException with kubectl's stderr when it exits non-zero or takes over 60 s
     */
    static String render(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(kubectl(), "kustomize", dir.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("kubectl kustomize " + dir + ": timed out after 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " exited " + p.exitValue() + ": "
                    + new String(err.join(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
