package dev.switchboard.loadtest.cluster;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The cells of the chaos matrix: one fault each, 10 s after the first forward, under steady load
 * on a fresh cluster of HAProxy, 2 relays, 2 mediators and Debian's redis-server (AOF everysec) behind the
 * fault proxy. {@code loadtest/run chaos} runs the cells named in {@code LOADTEST_CHAOS_CELLS}.
 */
public enum ChaosCell {
    /** SIGKILL relay-0; its wallets reconnect through relay-1. */
    RELAY_KILL("relay-kill", Fault.Kind.KILL, "relay-0", 0),
    /** SIGSTOP relay-0 for 10 s: its sockets stay open and silent. */
    RELAY_PAUSE("relay-pause", Fault.Kind.PAUSE, "relay-0", 10),
    /** SIGKILL mediator-0; HAProxy retries its posts on mediator-1. */
    MEDIATOR_KILL("mediator-kill", Fault.Kind.KILL, "mediator-0", 0),
    /** SIGSTOP mediator-0 for 10 s: requests in flight there hang. */
    MEDIATOR_PAUSE("mediator-pause", Fault.Kind.PAUSE, "mediator-0", 10),
    /** SIGKILL redis-server, restarted 5 s later from its append-only file. */
    REDIS_KILL("redis-kill", Fault.Kind.KILL_RESTART, "redis-server", 5),
    /** SIGSTOP redis-server for 10 s. */
    REDIS_PAUSE("redis-pause", Fault.Kind.PAUSE, "redis-server", 10),
    /** Every mediator cut from Redis for 10 s (connections reset, new ones closed). */
    REDIS_PARTITION("redis-partition", Fault.Kind.PARTITION_REDIS, "redis-server", 10),
    /** relay-0's send callbacks held 6 s each (past the mediator's 5 s callback timeout) for 15 s. */
    CALLBACK_SLOW("callback-slow", Fault.Kind.SLOW_CALLBACKS, "relay-0", 15);

    private final String cellName;
    private final Fault fault;

    ChaosCell(String cellName, Fault.Kind kind, String target, int lengthSeconds) {
        this.cellName = cellName;
        this.fault = new Fault(kind, target, Duration.ofSeconds(10), Duration.ofSeconds(lengthSeconds));
    }

    /** The name used on the command line ({@code relay-kill}, ...). */
    public String cellName() {
        return cellName;
    }

    /** The cell's nemesis schedule. */
    public List<Fault> faults() {
        return List.of(fault);
    }

    /**
     * The cell named {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    public static ChaosCell named(String name) {
        return Arrays.stream(values())
                .filter(c -> c.cellName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("chaos cell: %s (expected one of %s)"
                        .formatted(
                                name,
                                Arrays.stream(values()).map(ChaosCell::cellName).toList())));
    }
}
