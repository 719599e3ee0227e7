package dev.switchboard.loadtest.wallet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

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
     */
    public record Target(String recipientVerkey, String routingKey) {}

    private final List<Target> targets = new ArrayList<>();

    /** The registry of this JVM. */
    public static WalletRegistry global() {
        return GLOBAL;
    }

    /** Adds an onboarded wallet. */
    public synchronized void add(Target target) {
        targets.add(target);
    }

    /** A random onboarded wallet, or empty when none is onboarded yet. */
    public synchronized Optional<Target> random() {
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(targets.get(ThreadLocalRandom.current().nextInt(targets.size())));
    }

    /** Number of onboarded wallets. */
    public synchronized int size() {
        return targets.size();
    }
}
