package dev.switchboard.loadtest.sender;

import dev.switchboard.loadtest.wallet.WalletRegistry;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Packs forwards ahead of time on background threads so that the senders' virtual users only POST: keeps up
 * to {@code capacity} packed forwards (each to a random onboarded wallet) ready. The send time used for latency
 * is then the moment a sender takes one and POSTs it, not the pack time inside the inner message.
 */
public final class Prepacker implements AutoCloseable {
    /**
     * A forward packed ahead of time.
     *
     * @param target the wallet it is addressed to
     * @param packed the packed forward
     */
    public record Ready(WalletRegistry.Target target, ForwardFactory.Packed packed) {}

    private final BlockingQueue<Ready> ready;
    private final Thread[] threads;
    private volatile boolean running = true;

    /**
     * Starts {@code threads} packer threads.
     *
     * @param capacity forwards kept ready (> 0)
     * @param threads packer threads (> 0)
     */
    public Prepacker(ForwardFactory factory, WalletRegistry registry, int capacity, int threads) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: %s (expected: > 0)".formatted(capacity));
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads: %s (expected: > 0)".formatted(threads));
        }
        this.ready = new ArrayBlockingQueue<>(capacity);
        this.threads = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            this.threads[i] = Thread.ofPlatform()
                    .daemon()
                    .name("prepacker-" + i)
                    .start(() -> {
                        while (running) {
                            Optional<WalletRegistry.Target> target = registry.random();
                            try {
                                if (target.isEmpty()) {
                                    Thread.sleep(10);
                                    continue;
                                }
                                WalletRegistry.Target t = target.get();
                                Ready r = new Ready(t, factory.forward(t.recipientVerkey(), t.routingKey()));
                                while (running && !ready.offer(r, 100, TimeUnit.MILLISECONDS)) {
                                    // full: wait for senders
                                }
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    });
        }
    }

    /** A ready forward, or empty when none is ready (the caller packs one itself). */
    public Optional<Ready> poll() {
        return Optional.ofNullable(ready.poll());
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
    }
}
