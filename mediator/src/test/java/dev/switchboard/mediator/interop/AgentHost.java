package dev.switchboard.mediator.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Drives {@code interop/credo/agent-host.mjs}: real Credo 0.6.3 agents in one Node process, commands and
 * events as JSON lines (protocol: {@code interop/credo/README.md}). Stderr goes to {@code
 * target/it-logs/agent-host.log}.
 */
final class AgentHost implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger();

    AgentHost(Path credoDir) {
        try {
            Files.createDirectories(Path.of("target", "it-logs"));
            process = new ProcessBuilder("node", "agent-host.mjs")
                    .directory(credoDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.to(
                            Path.of("target", "it-logs", "agent-host.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node agent-host.mjs", e);
        }
        stdin = process.getOutputStream();
        Thread reader = new Thread(this::read, "agent-host-stdout");
        reader.setDaemon(true);
        reader.start();
        await(e -> e.path("event").asText().equals("ready"), 1, Duration.ofSeconds(60));
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                try {
                    events.add((ObjectNode) JSON.readTree(line));
                } catch (IOException | ClassCastException e) {
                    // not an event line: ignore
                }
            }
        } catch (IOException e) {
            // host gone
        }
    }

    /** Sends a command and returns its reply event; fails on an error event or after {@code timeout}. */
    ObjectNode send(ObjectNode command, Duration timeout) {
        String reqId = "j" + nextId.incrementAndGet();
        command.put("reqId", reqId);
        try {
            synchronized (stdin) {
                stdin.write((JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode reply =
                await(e -> reqId.equals(e.path("reqId").asText()), 1, timeout).get(0);
        if (reply.path("event").asText().equals("error")) {
            throw new AssertionError(command.path("cmd").asText() + " failed: " + reply);
        }
        return reply;
    }

    /** {@link #send} with a 60 s timeout. */
    ObjectNode send(ObjectNode command) {
        return send(command, Duration.ofSeconds(60));
    }

    /** A command object. */
    static ObjectNode command(String cmd) {
        ObjectNode command = JSON.createObjectNode();
        command.put("cmd", cmd);
        return command;
    }

    /** Waits until {@code count} events match; returns them in arrival order. */
    List<ObjectNode> await(Predicate<ObjectNode> predicate, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ObjectNode> matching = new ArrayList<>();
            for (ObjectNode e : events) {
                if (predicate.test(e)) {
                    matching.add(e);
                }
            }
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("only " + matching.size() + " of " + count + " events within " + timeout
                        + "; last events: " + events.subList(Math.max(0, events.size() - 6), events.size()));
            }
            ChildProcess.sleep(50);
        }
    }

    /** Every event so far. */
    List<ObjectNode> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        try {
            send(command("shutdown"), Duration.ofSeconds(20));
        } catch (AssertionError | RuntimeException e) {
            // fall through to destroy
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
