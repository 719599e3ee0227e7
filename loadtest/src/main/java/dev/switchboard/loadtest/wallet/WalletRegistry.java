package dev.switchboard.loadtest.wallet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The onboarded wallets of this JVM (mediation granted, recipient key registered), connected or not at the
 * moment: senders pick a random one, so some forwards go to wallets that are offline and get queued.
 * Thread-safe.
 */
public final class WalletRegistry {
    private static final WalletRegistry GLOBAL = new WalletRegistry();

    /**
     * What a sender needs to address a wallet.
     *
     * @param recipientVerkey the wallet's registered recipient key (base58)
     * @param routingKey the mediator's routing key from the wallet's mediate-grant (base58)
     * @param online true while the wallet is connected (the wallet flips it)
     * @param left true once the wallet left for good
     */
    public record Target(String recipientVerkey, String routingKey, AtomicBoolean online, AtomicBoolean left) {
        /** A connected wallet. */
        public Target(String recipientVerkey, String routingKey) {
            this(recipientVerkey, routingKey, new AtomicBoolean(true), new AtomicBoolean(false));
        }
    }

    private final List<Target> targets = new ArrayList<>();
    private int left;

    /** The registry of this JVM. */
    public static WalletRegistry global() {
        return GLOBAL;
    }

    /** Adds an onboarded wallet. */
    public synchronized void add(Target target) {
        targets.add(target);
    }

    /** A random onboarded wallet that has not left, or empty when there is none. */
    public synchronized Optional<Target> random() {
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(targets.get(ThreadLocalRandom.current().nextInt(targets.size())));
    }

    /** A wallet left for good (end of its run): no more forwards are addressed to it. */
    public synchronized void remove(Target target) {
        target.left().set(true);
        int i = targets.indexOf(target);
        if (i >= 0) {
            targets.set(i, targets.get(targets.size() - 1));
            targets.remove(targets.size() - 1);
        }
        left++;
    }

    /** Wallets that left. */
    public synchronized int left() {
        return left;
    }

    /** Number of onboarded wallets (including those that left). */
    public synchronized int size() {
        return targets.size() + left;
    }
}
