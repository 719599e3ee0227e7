package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Delivery recovery shared by all instances: {@code switchboard.delivery.*} (environment: {@code
 * SWITCHBOARD_DELIVERY_*}). Every instance sweeps the wallets whose delivery deadline passed (the instance
 * that pushed died, or the wallet never confirmed a live delivery) and pushes again.
 */
@ConfigMapping(prefix = "switchboard.delivery")
public interface DeliveryConfig {

    /**
     * The shortest time between two sweeps of an instance (it looks for wallets whose delivery deadline
     * passed): a sweep runs at the earliest deadline it knows of, but never sooner than this after the last.
     */
    @WithDefault("1s")
    Duration sweepPeriod();

    /**
     * The longest time between two sweeps of an instance: when it knows of no earlier deadline (its own
     * deadlines wake it; this bounds how late it finds those of an instance that died). Idle, an instance
     * sweeps this often instead of every {@link #sweepPeriod()}.
     */
    @WithDefault("1s")
    Duration idleSweepPeriod();

    /**
     * Added to the pickup lease to make a delivery deadline, so that the messages' in-flight lease has
     * surely ended when another instance re-pushes (covers clock skew between instances).
     */
    @WithDefault("1s")
    Duration deadlineGrace();

    /**
     * How long a sweeping instance holds a due wallet before another instance may claim it again (should it
     * die before its push records a new deadline).
     */
    @WithDefault("3s")
    Duration claimLease();

    /**
     * A stored message's first deadline: when the wallet has no deadline yet, storing a message records one
     * this far ahead (before the sender is acknowledged), so a message whose push died with its instance
     * before handing it out is pushed by another instance's sweep. A push that hands it out replaces it.
     */
    @WithDefault("2s")
    Duration storeDeadline();

    /**
     * A push's lease on a batch while it is being sent (deadline: this plus {@link #deadlineGrace()}), renewed
     * to the pickup lease once the relay took the batch. Should the pushing instance die in between, another
     * instance's sweep pushes the batch again after this long plus the grace (instead of the whole pickup
     * lease); a callback slower than this may deliver the batch twice.
     */
    @WithDefault("2s")
    Duration sendDeadline();

    /** Most due wallets one sweep claims. */
    @WithDefault("200")
    int sweepBatch();
}
