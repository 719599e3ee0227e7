package dev.switchboard.socketdock.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * Relay -&gt; backend, POSTed to the heartbeat URI every heartbeat interval (our extension; SocketDock
 * has none): {@code {"instance_id","endpoint","connections","started_at"}}. A relay whose
 * heartbeats stop is treated as gone together with all its sockets.
 *
 * @param instanceId the relay instance id (as in {@code meta.instance_id})
 * @param endpoint the relay's internal base URI, as backends reach it (unique per instance)
 * @param connections the number of open sockets right now
 * @param startedAt when the relay started, ISO-8601 UTC on the wire (e.g. {@code 2026-11-21T20:40:00Z})
 */
public record Heartbeat(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("connections") int connections,
        @JsonIgnore Instant startedAt) {

    /** Checks the fields. */
    public Heartbeat {
        Objects.requireNonNull(instanceId, "instance_id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(startedAt, "started_at");
        if (connections < 0) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: >= 0)");
        }
    }

    @JsonCreator
    static Heartbeat fromJson(
            @JsonProperty("instance_id") String instanceId,
            @JsonProperty("endpoint") String endpoint,
            @JsonProperty("connections") int connections,
            @JsonProperty("started_at") String startedAt) {
        return new Heartbeat(instanceId, endpoint, connections, Instant.parse(startedAt));
    }

    /** {@code started_at} as written on the wire. */
    @JsonProperty("started_at")
    String startedAtJson() {
        return startedAt.toString();
    }
}
