package dev.switchboard.loadtest.simulation;

import java.util.concurrent.atomic.AtomicLong;

/** Counts virtual-user errors and prints the first few. */
final class Errors {
    private static final AtomicLong COUNT = new AtomicLong();

    private Errors() {}

    static void report(String step, Throwable e) {
        if (COUNT.incrementAndGet() <= 20) {
            System.err.println("loadtest: " + step + " failed: " + e);
        }
    }

    static long count() {
        return COUNT.get();
    }
}
