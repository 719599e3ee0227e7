package dev.switchboard.mediator.transport;

import dev.switchboard.mediator.config.RelayBackendConfig;
import dev.switchboard.mediator.store.IdempotencyRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * De-duplicates relay posts by their {@code Idempotency-Key} (SocketDock relays send {@code
 * <instance_id>:<connection_id>:<seq>} and repeat it on every retry of one frame). In Redis, shared by all
 * instances ({@link IdempotencyRecords}): a post's state is {@code pending} while the first attempt is processed
 * (for at most {@link RelayBackendConfig#idempotencyProcessingLease()}, so an instance that dies mid-attempt does
 * not hold the key), then its final HTTP status, for {@link RelayBackendConfig#idempotencyTtl()}. A failed attempt
 * (5xx) forgets the key, so the relay's retry processes the event again.
 *
 * <p>A retry of a finished attempt gets the same status; a retry of an attempt still in progress waits up
 * to {@link RelayBackendConfig#duplicateWait()} for its status (or takes over if it failed or its processing lease
 * lapsed), then gets 503: never a 2xx, which the relay would take as delivered although the first attempt
 * may still fail or its instance die. At-least-once: an attempt outliving its processing lease may be
 * processed twice; a frame is never dropped.
 */
@ApplicationScoped
public class RelayIdempotency {
    /** Longest {@code Idempotency-Key} accepted, in characters. */
    public static final int MAX_KEY_LENGTH = 256;

    /** The status of a retry whose first attempt is still in progress: Service Unavailable, retry later. */
    public static final int IN_PROGRESS = 503;

    private static final long POLL_NANOS = Duration.ofMillis(25).toNanos();

    private final IdempotencyRecords records;
    private final RelayBackendConfig config;

    /** Constructor injection. */
    public RelayIdempotency(IdempotencyRecords records, RelayBackendConfig config) {
        this.records = records;
        this.config = config;
    }

    /** What to do with one post. */
    public sealed interface Claim {
        /** This is the first attempt: process it, then {@link #finish} with its status. */
        record First(String event, String idempotencyKey) implements Claim {}

        /**
         * A retry: answer {@code status} without processing.
         *
         * @param status the first attempt's status, or 503 while it is still in progress (retry later)
         */
        record Duplicate(int status) implements Claim {}
    }

    /**
     * Claims a post for processing.
     *
     * @param event {@code connect}, {@code message} or {@code disconnect}
     * @param idempotencyKey the header's value, at most {@link #MAX_KEY_LENGTH} characters
     * @throws IllegalArgumentException when the key is empty or longer (answered 400)
     */
    public Claim claim(String event, String idempotencyKey) {
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("Idempotency-Key: %d characters (expected: 1..%d)"
                    .formatted(idempotencyKey.length(), MAX_KEY_LENGTH));
        }
        long deadline = System.nanoTime() + config.duplicateWait().toNanos();
        while (true) {
            if (records.claim(event, idempotencyKey, config.idempotencyProcessingLease())) {
                return new Claim.First(event, idempotencyKey);
            }
            String state = records.state(event, idempotencyKey);
            if (state != null && !IdempotencyRecords.PENDING.equals(state)) {
                return new Claim.Duplicate(Integer.parseInt(state));
            }
            if (state == null) {
                continue; // the first attempt failed (or lapsed) just now: take over
            }
            if (System.nanoTime() - deadline >= 0) {
                return new Claim.Duplicate(IN_PROGRESS);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Records the outcome of a first attempt: a final status (below 500) is remembered for retries; a failure
     * (5xx) or a rate refusal (429) is forgotten so the retry processes the event again.
     */
    public void finish(Claim.First claim, int status) {
        if (status >= 500 || status == 429) {
            records.forget(claim.event(), claim.idempotencyKey());
        } else {
            records.finish(claim.event(), claim.idempotencyKey(), status, config.idempotencyTtl());
        }
    }
}
