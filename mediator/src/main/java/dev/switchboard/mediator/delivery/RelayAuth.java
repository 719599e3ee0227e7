package dev.switchboard.mediator.delivery;

import dev.switchboard.mediator.config.RelayBackendConfig;
import dev.switchboard.socketdock.protocol.auth.ReplayCache;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import dev.switchboard.socketdock.protocol.auth.Verification;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The relay's HS256 request-token scheme from {@code socketdock-protocol}, configured: verifies the relay's
 * posts (shared secret, or a relay's own secret by {@code kid}; each token once, by a {@link ReplayCache} of
 * {@code switchboard.relay.replay-cache-size}) and signs the mediator's callbacks (with the secret of the kid
 * named after the target relay's instance id when one is configured, else the shared secret).
 *
 * <p>Metrics: {@code switchboard_relay_auth_refused_total{reason}} (reason: {@code missing}, {@code malformed},
 * {@code bad_signature}, {@code expired}, {@code mismatch}, {@code unknown_key}, {@code replayed}, {@code
 * not_configured}) and the gauge {@code switchboard_relay_auth_replay_cache_size}.
 */
@ApplicationScoped
public class RelayAuth {
    private final @Nullable RequestVerifier verifier;
    private final RequestSigner signer;
    private final Map<String, RequestSigner> signersByKeyId;
    private final MeterRegistry meters;

    /** For tests outside CDI: metrics go to a private registry. */
    public RelayAuth(RelayBackendConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    /** @param config {@code switchboard.relay.*} */
    @Inject
    public RelayAuth(RelayBackendConfig config, MeterRegistry meters) {
        this.meters = meters;
        Map<String, RequestSigner> byKid = new HashMap<>();
        RequestVerifier.Builder builder = RequestVerifier.builder();
        config.jwtSecrets().forEach((kid, text) -> {
            SharedSecret secret = SharedSecret.ofUtf8(text);
            builder.keyId(kid, secret);
            byKid.put(kid, RequestSigner.hs256(secret, kid));
        });
        this.signersByKeyId = Map.copyOf(byKid);
        if (config.jwtSecret().isPresent() || !byKid.isEmpty()) {
            SharedSecret shared = config.jwtSecret().map(SharedSecret::ofUtf8).orElse(null);
            ReplayCache replays = ReplayCache.create(config.replayCacheSize(), java.time.Clock.systemUTC());
            this.verifier = builder.sharedSecret(shared).replayCache(replays).build();
            this.signer = shared != null ? RequestSigner.hs256(shared) : RequestSigner.none();
            meters.gauge("switchboard.relay.auth.replay.cache.size", replays, ReplayCache::size);
        } else {
            this.verifier = config.allowUnauthenticated() ? RequestVerifier.insecureAcceptAll() : null;
            this.signer = RequestSigner.none();
        }
    }

    /**
     * Verifies one relay post.
     *
     * @param idempotencyKey the post's {@code Idempotency-Key} header, or null when absent
     * @return the verification; not {@link Verification#ok()} means 401 (counted by reason). A valid one names
     *     the {@code connection_id} and {@code kid} it was bound to: the caller compares them with the body's
     *     {@code meta} ({@link #matches})
     */
    public Verification verify(
            @Nullable String authorization, String path, byte[] body, @Nullable String idempotencyKey) {
        Verification v = verifier == null
                ? new Verification.Malformed("no relay secret configured and unauthenticated relays not allowed")
                : verifier.verify(authorization, "POST", path, body, new RequestBinding(idempotencyKey, null));
        if (!v.ok()) {
            refused(verifier == null ? "not_configured" : reason(v));
        }
        return v;
    }

    /**
     * Whether a verified post's body is the one its token was made for: its {@code connection_id} claim equals
     * the body's (both absent for heartbeats), and a token under a relay's own {@code kid} comes from that
     * instance. Counted as a {@code mismatch} refusal when not.
     *
     * @param connectionId the body's connection id, or null (heartbeat)
     * @param instanceId the body's {@code meta.instance_id}, or null when it has none
     */
    public boolean matches(Verification verification, @Nullable String connectionId, @Nullable String instanceId) {
        if (!(verification instanceof Verification.Valid valid)) {
            return true; // insecure opt-out
        }
        boolean ok = java.util.Objects.equals(valid.connectionId(), connectionId)
                && (valid.keyId() == null || valid.keyId().equals(instanceId));
        if (!ok) {
            refused("mismatch");
        }
        return ok;
    }

    private void refused(String reason) {
        meters.counter("switchboard.relay.auth.refused", "reason", reason).increment();
    }

    private static String reason(Verification v) {
        return switch (v) {
            case Verification.Missing m -> "missing";
            case Verification.Malformed m -> "malformed";
            case Verification.BadSignature b -> "bad_signature";
            case Verification.Expired e -> "expired";
            case Verification.Mismatch m -> "mismatch";
            case Verification.UnknownKey u -> "unknown_key";
            case Verification.Replayed r -> "replayed";
            default -> v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        };
    }

    /** The signer of callbacks to the relays: the shared secret's. */
    public RequestSigner signer() {
        return signer;
    }

    /**
     * The signer of callbacks to one relay instance: its own secret under its kid when {@code
     * switchboard.relay.jwt-secrets} names it, else {@link #signer()}.
     */
    public RequestSigner signerFor(@Nullable String instanceId) {
        RequestSigner own = instanceId == null ? null : signersByKeyId.get(instanceId);
        return own != null ? own : signer;
    }
}
