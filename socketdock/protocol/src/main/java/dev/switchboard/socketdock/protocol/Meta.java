package dev.switchboard.socketdock.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code meta} object the relay attaches to every event: which socket it concerns and where to
 * call back.
 *
 * <p>SocketDock's own fields are {@code connection_id}, {@code send} and {@code disconnect} (and
 * {@code headers} on connect). Ours are optional and ignored by old backends: {@code instance_id}
 * (the relay instance holding the socket), {@code seq} (per connection, from 1, on messages),
 * {@code frame} ({@code "text"|"binary"}) and {@code encoding} ({@code "base64"} when a binary
 * frame is not valid UTF-8).
 *
 * @param connectionId the relay's id of the socket, unique per relay instance
 * @param send absolute URI of the {@code send} callback for this socket
 * @param disconnect absolute URI of the {@code disconnect} callback for this socket
 * @param headers the upgrade request's headers with lower-cased names (connect only), else null
 * @param instanceId the relay instance id (extension), null from old relays
 * @param seq per-connection message sequence number from 1 (extension, messages only)
 * @param frame the frame type the message arrived in (extension, messages only)
 * @param encoding {@link #BASE64} when the message is base64 of a binary frame (extension)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Meta(
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("send") String send,
        @JsonProperty("disconnect") String disconnect,
        @JsonProperty("headers") @Nullable Map<String, String> headers,
        @JsonProperty("instance_id") @Nullable String instanceId,
        @JsonProperty("seq") @Nullable Long seq,
        @JsonProperty("frame") @Nullable Frame frame,
        @JsonProperty("encoding") @Nullable String encoding) {

    /** The only defined value of {@code meta.encoding}: the message is standard base64 (RFC 4648 section 4). */
    public static final String BASE64 = "base64";

    /** Checks the required fields; copies {@code headers}. */
    public Meta {
        Objects.requireNonNull(connectionId, "connection_id");
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(disconnect, "disconnect");
        headers = headers == null ? null : Map.copyOf(headers);
        if (seq != null && seq < 1) {
            throw new IllegalArgumentException("seq: " + seq + " (expected: >= 1)");
        }
    }

    /** SocketDock's three fields only, as an original SocketDock relay sends on messages. */
    public static Meta of(String connectionId, String send, String disconnect) {
        return new Meta(connectionId, send, disconnect, null, null, null, null, null);
    }

    /** This meta with the upgrade headers set (connect events). */
    public Meta withHeaders(Map<String, String> headers) {
        return new Meta(connectionId, send, disconnect, headers, instanceId, seq, frame, encoding);
    }

    /** This meta with our {@code instance_id} extension set. */
    public Meta withInstanceId(String instanceId) {
        return new Meta(connectionId, send, disconnect, headers, instanceId, seq, frame, encoding);
    }

    /** This meta with the per-message extensions set ({@code encoding} may be null). */
    public Meta withMessage(long seq, Frame frame, @Nullable String encoding) {
        return new Meta(connectionId, send, disconnect, headers, instanceId, seq, frame, encoding);
    }
}
