package dev.switchboard.mediator.message;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How an inbound message reached the mediator, which decides where its replies may go. */
public sealed interface InboundTransport {

    /** A plain HTTP POST to {@code /}: one reply can go in the response body (return route). */
    record Http() implements InboundTransport {}

    /**
     * A WebSocket frame relayed by a socketdock relay: replies go through the relay's {@code send} callback.
     *
     * @param instanceId the relay instance holding the socket ({@code meta.instance_id}); the send URI's
     *     authority when an original SocketDock sent no instance id
     * @param connectionId the socket's id on that relay
     * @param send the relay's {@code send} callback for this socket
     * @param disconnect the relay's {@code disconnect} callback for this socket
     */
    record Socket(String instanceId, String connectionId, URI send, URI disconnect) implements InboundTransport {
        public Socket {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(send, "send");
            Objects.requireNonNull(disconnect, "disconnect");
        }

        /** The owner name of deliveries on this socket: {@code instanceId/connectionId}. */
        public String owner() {
            return instanceId + "/" + connectionId;
        }
    }

    /** The socket, or null for HTTP. */
    default @Nullable Socket socket() {
        return this instanceof Socket s ? s : null;
    }
}
