package dev.switchboard.mediator.store;

import io.lettuce.core.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The state of relay posts by {@code Idempotency-Key}, shared by all instances: {@code pending} while a first
 * attempt is processed, then its final HTTP status. One Redis string per event and key ({@link
 * Keys#idempotency}); the rules (who processes, what a retry gets) live in {@code
 * transport.RelayIdempotency}. Blocking: call from worker or virtual threads.
 */
@ApplicationScoped
public class IdempotencyRecords {
    /** The state of a post whose first attempt is being processed. */
    public static final String PENDING = "pending";

    private final MediatorRedis redis;

    /** Constructor injection. */
    public IdempotencyRecords(MediatorRedis redis) {
        this.redis = redis;
    }

    /**
     * Marks the post {@link #PENDING} for {@code lease} unless it has a state.
     *
     * @return true when this call marked it (the caller processes the first attempt)
     */
    public boolean claim(String event, String idempotencyKey, Duration lease) {
        return "OK"
                .equals(redis.sync()
                        .set(
                                redis.keys().idempotency(event, idempotencyKey),
                                PENDING,
                                SetArgs.Builder.nx().px(lease)));
    }

    /** The post's state: {@link #PENDING}, a status code, or null (none, or expired). */
    public @Nullable String state(String event, String idempotencyKey) {
        return redis.sync().get(redis.keys().idempotency(event, idempotencyKey));
    }

    /** Replaces a claimed post's state by its final {@code status}, kept for {@code ttl}. */
    public void finish(String event, String idempotencyKey, int status, Duration ttl) {
        redis.sync()
                .set(
                        redis.keys().idempotency(event, idempotencyKey),
                        Integer.toString(status),
                        SetArgs.Builder.xx().px(ttl));
    }

    /** Forgets the post, so that the next attempt processes it again. */
    public void forget(String event, String idempotencyKey) {
        redis.sync().del(redis.keys().idempotency(event, idempotencyKey));
    }
}
