package dev.switchboard.socketdock.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Relay -&gt; backend, POSTed to the disconnect URI once a socket has closed:
 * SocketDock's {@code {"connection_id":"..."}} plus our optional {@code meta} (callback URIs,
 * instance id), {@code close_code} (RFC 6455 section 7.4; see {@link CloseCodes}) and
 * {@code reason}.
 *
 * @param connectionId the closed socket's id
 * @param meta the socket's meta (extension), null from old relays
 * @param closeCode the close code the socket ended with (extension), null when unknown
 * @param reason a short human-readable reason (extension), null when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DisconnectEvent(
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("meta") @Nullable Meta meta,
        @JsonProperty("close_code") @Nullable Integer closeCode,
        @JsonProperty("reason") @Nullable String reason) {

    /** Checks that {@code connection_id} is present. */
    public DisconnectEvent {
        Objects.requireNonNull(connectionId, "connection_id");
    }

    /** SocketDock's original shape: {@code {"connection_id":"..."}}. */
    public static DisconnectEvent of(String connectionId) {
        return new DisconnectEvent(connectionId, null, null, null);
    }
}
