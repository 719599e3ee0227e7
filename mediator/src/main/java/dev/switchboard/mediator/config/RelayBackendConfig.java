package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How the mediator talks to the socketdock relays: {@code switchboard.relay.*} (environment: {@code SWITCHBOARD_RELAY_*}). */
@ConfigMapping(prefix = "switchboard.relay")
public interface RelayBackendConfig {

    /**
     * The HS256 secret shared with the relays (at least 32 bytes of UTF-8): verifies their posts to {@code
     * /socketdock/*} and signs the {@code send} callbacks. Absent: posts are accepted unauthenticated and
     * callbacks unsigned, which only {@link #allowUnauthenticated()} permits.
     */
    Optional<String> jwtSecret();

    /**
     * Per-relay HS256 secrets (each at least 32 bytes of UTF-8) by key id, {@code
     * switchboard.relay.jwt-secrets."<kid>"}: a relay token whose {@code kid} header names one is verified with
     * it, and must come from the relay instance of that id ({@code meta.instance_id} = kid); callbacks to that
     * instance are signed with it under the same kid. Removing an entry revokes that relay alone. Tokens
     * without {@code kid} use {@link #jwtSecret()}; an unknown kid is answered 401. Empty by default.
     */
    Map<String, String> jwtSecrets();

    /**
     * Most relay token ids ({@code jti}) remembered against replay, each for its token's lifetime; must exceed
     * the relay posts one instance receives per token lifetime (about 65 s).
     */
    @WithDefault("200000")
    long replayCacheSize();

    /**
     * Accept unauthenticated relay posts when no {@link #jwtSecret()} is set (compatibility with an original
     * SocketDock). When false and no secret is set, every relay post is answered 401.
     */
    @WithDefault("false")
    boolean allowUnauthenticated();

    /** Timeout of one {@code send} callback; a timeout counts as a failed callback. */
    @WithDefault("5s")
    Duration callbackTimeout();

    /**
     * How long a route (wallet -> socket) lives without traffic on its socket; each message on the socket
     * renews it.
     */
    @WithDefault("1h")
    Duration routeLease();

    /** How long a relay counts as alive after its last heartbeat (two to three heartbeat intervals). */
    @WithDefault("30s")
    Duration heartbeatTtl();

    /**
     * How long the outcome of a relay post carrying an {@code Idempotency-Key} is remembered: a retry with
     * the same key within this time gets the same status without being processed again.
     */
    @WithDefault("5m")
    Duration idempotencyTtl();

    /**
     * How long a retry waits for the first attempt of the same {@code Idempotency-Key} that is still being
     * processed; after that it is answered 503 (the relay retries later; when its retries run out it closes
     * the socket with 1013 and the wallet reconnects). Never 2xx: the first attempt may yet fail.
     */
    @WithDefault("3s")
    Duration duplicateWait();

    /**
     * How long the first attempt of a relay post holds its {@code Idempotency-Key} while being processed. An
     * instance that dies mid-attempt leaves the key held for at most this long; a retry after it processes
     * the post. Keep it within the relay's retry window (backend timeout plus its retries' waits) and above
     * the longest normal processing time (a longer attempt may be processed twice, never lost).
     */
    @WithDefault("5s")
    Duration idempotencyProcessingLease();
}
