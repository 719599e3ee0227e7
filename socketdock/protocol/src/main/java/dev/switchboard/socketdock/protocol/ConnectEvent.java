package dev.switchboard.socketdock.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Relay -&gt; backend, POSTed to the connect URI when a client has upgraded:
 * {@code {"meta":{"connection_id","send","disconnect","headers":{...}}}}.
 *
 * <p>A non-2xx answer rejects the socket: the relay closes it with {@link CloseCodes#POLICY_VIOLATION}.
 *
 * @param meta the socket's identity, callbacks and lower-cased upgrade headers
 */
public record ConnectEvent(@JsonProperty("meta") Meta meta) {
    /** Checks that {@code meta} is present. */
    public ConnectEvent {
        Objects.requireNonNull(meta, "meta");
    }
}
