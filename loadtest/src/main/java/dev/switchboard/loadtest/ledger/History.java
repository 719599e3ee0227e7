package dev.switchboard.loadtest.ledger;

import java.util.List;
import java.util.Set;

/**
 * What one load-generator JVM saw, as the {@link Checker} reads it (a snapshot taken by {@link Ledger#history()},
 * or built by hand in tests). Times are epoch microseconds of this machine's wall clock.
 *
 * @param acknowledged every forward a mediator answered 202 (only then is the mediator responsible for it)
 * @param receipts the first receipt of every distinct message a wallet unpacked
 * @param unacknowledged ids of forwards that were sent but answered otherwise or not at all: the mediator may
 *     still have stored them, so their receipt is an indeterminate send that succeeded, not an invented message
 */
public record History(List<Acknowledged> acknowledged, List<Receipt> receipts, Set<String> unacknowledged) {

    public History {
        acknowledged = List.copyOf(acknowledged);
        receipts = List.copyOf(receipts);
        unacknowledged = Set.copyOf(unacknowledged);
    }

    /**
     * One acknowledged forward.
     *
     * @param id the id inside the inner message
     * @param recipient the wallet's recipient verkey (base58), empty when unknown
     * @param sentMicros when the sender stamped it (inside the inner message)
     * @param acknowledgedMicros when the 202 arrived
     */
    public record Acknowledged(String id, String recipient, long sentMicros, long acknowledgedMicros) {}

    /**
     * The first receipt of one message.
     *
     * @param id the id inside the inner message
     * @param receivedMicros when the frame carrying it arrived
     * @param order arrival order of first receipts in this JVM (increasing per wallet: one virtual user drives a
     *     wallet, and the attachments of one delivery are numbered in their order in the delivery)
     * @param count how many times it was received, >= 1
     */
    public record Receipt(String id, long receivedMicros, long order, int count) {
        public Receipt {
            if (count < 1) {
                throw new IllegalArgumentException("count: %s (expected: >= 1)".formatted(count));
            }
        }
    }
}
