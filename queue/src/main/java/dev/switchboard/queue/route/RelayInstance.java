package dev.switchboard.queue.route;

import java.time.Instant;

/**
 * A relay instance whose heartbeat has not lapsed, as its last heartbeat reported it.
 *
 * @param instanceId the relay's {@code instance_id}
 * @param connections open sockets it reported (SocketDock heartbeat {@code connections})
 * @param aliveUntil when it stops counting as alive without another heartbeat
 */
public record RelayInstance(String instanceId, int connections, Instant aliveUntil) {}
