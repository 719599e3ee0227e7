package dev.switchboard.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion, output merged, with a time limit. */
final class Processes {
    private Processes() {}

    /** Output of a finished command. */
    record Result(int exit, String output) {}

    static Result run(List<String> command, Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        return run(command, dir, timeoutSeconds, Map.of(), false);
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} added (or, when {@code cleanEnv}, as the
     * whole environment).
     *
     * @throws IllegalStateException when it exits non-zero or overruns {@code timeoutSeconds}
     */
    static Result run(List<String> command, Path dir, long timeoutSeconds, Map<String, String> env, boolean cleanEnv)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("proc", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (cleanEnv) {
                pb.environment().clear();
            }
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(command + " timed out after " + timeoutSeconds + " s: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + out);
            }
            return new Result(p.exitValue(), out);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
