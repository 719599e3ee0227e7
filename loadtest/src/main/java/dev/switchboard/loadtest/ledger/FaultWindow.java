package dev.switchboard.loadtest.ledger;

/**
 * When a fault was in force, as the nemesis recorded it (epoch microseconds of this machine's wall clock).
 *
 * @param name what was done, e.g. {@code SIGKILL relay-0} or {@code SIGSTOP redis (10 s)}
 * @param startMicros when the fault was injected
 * @param endMicros when it healed: the SIGCONT sent, the killed process restarted and ready, the partition
 *     lifted; equal to {@code startMicros} for a kill that is not undone (the system must route around it)
 */
public record FaultWindow(String name, long startMicros, long endMicros) {
    public FaultWindow {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException(
                    "endMicros: %s (expected: >= startMicros %s)".formatted(endMicros, startMicros));
        }
    }
}
