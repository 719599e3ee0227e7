package dev.switchboard.socketdock.protocol;

/**
 * The idempotency key of a message POST: {@code <instance_id>:<connection_id>:<seq>}, sent in
 * {@link HttpNames#IDEMPOTENCY_KEY}. Retries of one frame carry the same key, so a backend that has
 * already processed it can answer 2xx without processing it twice.
 */
public final class IdempotencyKey {
    private IdempotencyKey() {}

    /** {@code <instanceId>:<connectionId>:<seq>}. */
    public static String of(String instanceId, String connectionId, long seq) {
        return instanceId + ':' + connectionId + ':' + seq;
    }
}
