package dev.switchboard.socketdock.relay.connection;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The open sockets of this instance, by connection id, and the connection cap. Thread-safe. The cap
 * counts reservations: one per public TCP connection from its acceptance to its end, upgraded or not, so
 * half-open sockets count and the cap holds under concurrent upgrades.
 */
public final class ConnectionRegistry {
    private final ConcurrentHashMap<String, RelayConnection> byId = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final int maxConnections;

    /** @param maxConnections the cap, {@code > 0} */
    public ConnectionRegistry(int maxConnections) {
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: > 0)");
        }
        this.maxConnections = maxConnections;
    }

    /** Reserves a place for an accepted connection. @return false when the instance is at its cap */
    public boolean tryReserve() {
        while (true) {
            int n = reserved.get();
            if (n >= maxConnections) {
                return false;
            }
            if (reserved.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back the reservation of a connection that closed. */
    public void release() {
        reserved.decrementAndGet();
    }

    /** Registers an open socket (its reservation is given back separately, by {@link #release}). */
    public void add(RelayConnection connection) {
        byId.put(connection.id(), connection);
    }

    /** Unregisters a socket. */
    public void remove(RelayConnection connection) {
        byId.remove(connection.id(), connection);
    }

    /** The socket with this id, or null when unknown here. */
    public @Nullable RelayConnection get(String id) {
        return byId.get(id);
    }

    /** Open sockets right now. */
    public int size() {
        return byId.size();
    }

    /** A snapshot of the open sockets. */
    public Collection<RelayConnection> snapshot() {
        return List.copyOf(byId.values());
    }
}
