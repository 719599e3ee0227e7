package dev.switchboard.mediator.interop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process of the interop tests (a relay, a mediator), its output in {@code target/it-logs/<name>.log}. */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code command} with output to the log file. */
    static ChildProcess start(String name, List<String> command) {
        try {
            Path logs = Path.of("target", "it-logs");
            Files.createDirectories(logs);
            File log = logs.resolve(name + ".log").toFile();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log))
                    .start();
            return new ChildProcess(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The {@code java} of the JDK running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A JVM command line: {@code java <jvmArgs> <rest>}. */
    static List<String> jvm(List<String> jvmArgs, List<String> rest) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmArgs);
        command.addAll(rest);
        return command;
    }

    /** Waits until something listens on {@code port} of loopback, or fails. */
    void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/it-logs");
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not listen on " + port + " within " + timeout);
    }

    /** Kills the process at once (SIGKILL). */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Freezes the process (SIGSTOP): it holds its sockets and group memberships but does nothing. */
    void freeze() {
        try {
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (stop.waitFor() != 0) {
                throw new IllegalStateException("kill -STOP " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the process (SIGTERM), then kills it after 10 s. */
    @Override
    public void close() {
        process.destroy();
        waitFor();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
