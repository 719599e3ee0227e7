package dev.switchboard.socketdock.relay.connection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.util.function.LongSupplier;

/**
 * Per client IP address limits of the public listener (issue 13, hole 4): open TCP connections per address
 * and new connections per second per address (a token bucket of {@code ratePerSecond} tokens, refilled
 * continuously, so a burst of one second's worth is allowed). Thread-safe.
 *
 * <p>Bounded memory: the table is a Caffeine cache whose size-based eviction counts only addresses with no
 * open connection (weight 1; an address with open connections weighs 0 and stays, and those are bounded by
 * the instance's connection cap). So at most {@code tableSize} idle addresses are remembered, least recently
 * used first out; forgetting one only forgets its rate history.
 */
public final class AddressLimits {
    /** The outcome of {@link #tryOpen}. */
    public enum Admission {
        /** Admitted: the caller must {@link #close} the address when the connection ends. */
        ADMITTED,
        /** Refused: the address holds its maximum of open connections. */
        ADDRESS_SOCKETS,
        /** Refused: the address opened its maximum of connections in the last second. */
        ADDRESS_RATE
    }

    /** One address's state; immutable, replaced on each change so that its weight is recomputed. */
    private record Entry(int open, double tokens, long refilledAt) {}

    private final int maxOpen;
    private final int ratePerSecond;
    private final LongSupplier nanoTime;
    private final Cache<InetAddress, Entry> table;

    /**
     * @param maxOpen open connections per address, 0 for no limit
     * @param ratePerSecond new connections per second per address, 0 for no limit
     * @param tableSize idle addresses remembered, {@code > 0}
     * @param nanoTime the clock ({@link System#nanoTime} outside tests)
     */
    public AddressLimits(int maxOpen, int ratePerSecond, int tableSize, LongSupplier nanoTime) {
        this.maxOpen = maxOpen;
        this.ratePerSecond = ratePerSecond;
        this.nanoTime = nanoTime;
        this.table = Caffeine.newBuilder()
                .maximumWeight(tableSize)
                .<InetAddress, Entry>weigher((address, e) -> e.open() > 0 ? 0 : 1)
                .executor(Runnable::run)
                .build();
    }

    /** Whether any limit is on (when not, callers may skip the table). */
    public boolean enabled() {
        return maxOpen > 0 || ratePerSecond > 0;
    }

    /** Admits a new connection from {@code address}, or says which limit refuses it (nothing is then held). */
    public Admission tryOpen(InetAddress address) {
        Admission[] result = {Admission.ADMITTED};
        long now = nanoTime.getAsLong();
        table.asMap().compute(address, (a, e) -> {
            int open = e == null ? 0 : e.open();
            double tokens = e == null
                    ? ratePerSecond
                    : Math.min(ratePerSecond, e.tokens() + (now - e.refilledAt()) * ratePerSecond / 1e9);
            if (maxOpen > 0 && open >= maxOpen) {
                result[0] = Admission.ADDRESS_SOCKETS;
                return new Entry(open, tokens, now);
            }
            if (ratePerSecond > 0 && tokens < 1) {
                result[0] = Admission.ADDRESS_RATE;
                return new Entry(open, tokens, now);
            }
            return new Entry(open + 1, ratePerSecond > 0 ? tokens - 1 : 0, now);
        });
        return result[0];
    }

    /** A connection admitted by {@link #tryOpen} ended. */
    public void close(InetAddress address) {
        table.asMap()
                .computeIfPresent(address, (a, e) -> new Entry(Math.max(0, e.open() - 1), e.tokens(), e.refilledAt()));
    }

    /** Open connections from {@code address} as counted here. */
    public int open(InetAddress address) {
        Entry e = table.getIfPresent(address);
        return e == null ? 0 : e.open();
    }

    /** Addresses in the table (approximate; for the {@code socketdock_address_table_size} gauge). */
    public long size() {
        return table.estimatedSize();
    }

    /** Runs pending evictions now (tests). */
    public void cleanUp() {
        table.cleanUp();
    }
}
