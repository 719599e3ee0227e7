package dev.switchboard.queue.mailbox;

import java.time.Duration;

/**
 * What {@link Mailboxes#reserve} may hand out.
 *
 * @param maxCount at most this many messages, {@code > 0} (pickup {@code limit})
 * @param maxBytes at most this many bytes in total, {@code > 0} (pickup 4.0 size-aware batches;
 *     {@link Long#MAX_VALUE} for no limit)
 * @param owner who delivers: unique per delivery channel, e.g. {@code relayInstanceId/connectionId};
 *     {@link Mailboxes#release} ends all attempts of one owner
 * @param lease how long the owner may hold the messages before they return to pending, {@code > 0}
 */
public record DeliveryRequest(int maxCount, long maxBytes, String owner, Duration lease) {

    /** Checks the arguments. */
    public DeliveryRequest {
        if (maxCount <= 0) {
            throw new IllegalArgumentException("maxCount: %s (expected: > 0)".formatted(maxCount));
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes: %s (expected: > 0)".formatted(maxBytes));
        }
        if (owner.isEmpty()) {
            throw new IllegalArgumentException("owner: '' (expected: non-empty)");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease: %s (expected: > 0)".formatted(lease));
        }
    }

    /** A request without a byte limit. */
    public static DeliveryRequest of(int maxCount, String owner, Duration lease) {
        return new DeliveryRequest(maxCount, Long.MAX_VALUE, owner, lease);
    }
}
