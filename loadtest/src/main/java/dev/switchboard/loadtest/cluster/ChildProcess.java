package dev.switchboard.loadtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of the system under test, its output in {@code <runDir>/logs/<name>.log}, with resource figures
 * read from {@code /proc} (Linux).
 */
public final class ChildProcess {
    private final String name;
    private final List<String> command;
    private final Path runDir;
    private final Process process;
    private final Path log;
    private volatile long peakRssKb;
    private volatile long peakOpenFiles;

    private ChildProcess(String name, List<String> command, Path runDir, Process process, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.runDir = runDir;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command}; its output is appended to {@code <runDir>/logs/<name>.log}.
     *
     * @throws UncheckedIOException when it cannot be started
     */
    public static ChildProcess start(String name, List<String> command, Path runDir) {
        try {
            Path logs = Files.createDirectories(runDir.resolve("logs"));
            Path log = logs.resolve(name + ".log");
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildProcess(name, command, runDir, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** The process name given at start ({@code relay-0}, {@code mediator-1}, {@code haproxy}). */
    public String name() {
        return name;
    }

    /** The OS process id. */
    public long pid() {
        return process.pid();
    }

    /** The log file. */
    public Path log() {
        return log;
    }

    /** True while running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL (fault injection): no drain, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The same command started again under the same name (after {@link #kill()}), its output appended to the
     * same log.
     *
     * @throws IllegalStateException when this process is still running
     */
    public ChildProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        return start(name, command, runDir);
    }

    /**
     * Sends a signal by name with {@code kill -s} (procps): {@code STOP} freezes the process (its sockets stay
     * open, nothing is answered), {@code CONT} resumes it.
     *
     * @throws IllegalStateException when {@code kill} fails (e.g. the process is gone)
     */
    public void signal(String signal) {
        try {
            Process k = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(k.getInputStream().readAllBytes()).strip();
            if (k.waitFor() != 0) {
                throw new IllegalStateException("kill -s " + signal + " " + name + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kill -s " + signal + " " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted signalling " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL after {@code graceSeconds}. */
    public void stop(int graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        sample();
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Reads the current figures and remembers the peak RSS (call periodically). */
    public ProcessStats sample() {
        ProcessStats stats = ProcessStats.of(name, process.pid());
        peakRssKb = Math.max(peakRssKb, stats.peakRssKb());
        peakOpenFiles = Math.max(peakOpenFiles, stats.openFiles());
        return stats;
    }

    /** The last lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The most open file descriptors seen in a sample (a relay: about one per WebSocket). */
    public long peakOpenFiles() {
        return peakOpenFiles;
    }

    /** The peak RSS seen (kB), if any sample was taken. */
    public Optional<Long> peakRssKb() {
        return peakRssKb == 0 ? Optional.empty() : Optional.of(peakRssKb);
    }
}
