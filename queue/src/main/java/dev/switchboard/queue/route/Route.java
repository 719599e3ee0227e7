package dev.switchboard.queue.route;

import java.net.URI;
import java.time.Instant;

/**
 * A live socket through which a recipient can be reached: SocketDock's connect/message {@code meta}
 * plus Switchboard's {@code instance_id}.
 *
 * @param recipient the recipient key or DID this socket serves
 * @param instanceId the relay instance holding the socket ({@code meta.instance_id})
 * @param connectionId the socket's id on that relay ({@code meta.connection_id})
 * @param send the relay's callback that writes one frame to the socket ({@code meta.send})
 * @param disconnect the relay's callback that closes the socket ({@code meta.disconnect})
 * @param since when the socket was first seen serving this recipient (orders routes, newest first)
 * @param leaseUntil when the route lapses unless refreshed by {@link RouteTable#put} again
 */
public record Route(
        String recipient,
        String instanceId,
        String connectionId,
        URI send,
        URI disconnect,
        Instant since,
        Instant leaseUntil) {

    /** Checks the arguments. */
    public Route {
        if (recipient.isEmpty()) {
            throw new IllegalArgumentException("recipient: '' (expected: non-empty)");
        }
        if (instanceId.isEmpty()) {
            throw new IllegalArgumentException("instanceId: '' (expected: non-empty)");
        }
        if (connectionId.isEmpty()) {
            throw new IllegalArgumentException("connectionId: '' (expected: non-empty)");
        }
        if (!leaseUntil.isAfter(since)) {
            throw new IllegalArgumentException(
                    "leaseUntil: %s (expected: after since %s)".formatted(leaseUntil, since));
        }
    }
}
