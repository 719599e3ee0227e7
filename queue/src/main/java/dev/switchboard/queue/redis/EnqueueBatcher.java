package dev.switchboard.queue.redis;

import dev.switchboard.queue.config.RedisSettings;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Sends enqueues through {@code mailbox-enqueue.lua}, several messages per script call when they
 * wait: an enqueue goes out at once while fewer than {@link #MAX_IN_FLIGHT} calls are outstanding;
 * otherwise it waits in a queue and leaves with the others that waited (at most {@link #MAX_BATCH}),
 * as soon as a call completes. Calls are sent from one dispatcher thread (one of Lettuce's
 * computation threads), which keeps them in submission order; a lone enqueue waits only for that
 * hand-over. Under load the per-call costs (one Lettuce command, one script invocation, one reply)
 * are shared.
 *
 * <p>One call is one atomic script; each message in it is checked and stored on its own (duplicate,
 * cap), in submission order (calls run in the order sent; only a call the server answers NOSCRIPT,
 * after a restart or failover, runs again as EVAL after calls sent later). If a call fails, every message in it fails: some may have been stored
 * (a script error does not roll back), so the caller's retry answers duplicate for them, as for any
 * retried forward. On Redis Cluster, where one script may only touch one slot, every call holds one
 * message and calls are not limited.
 */
final class EnqueueBatcher {

    /** Calls outstanding before enqueues wait to be grouped. */
    static final int MAX_IN_FLIGHT = 4;
    /** Most messages in one call (bounds the script's run time: about 15 µs per message measured). */
    static final int MAX_BATCH = 128;

    private static final LuaScript SCRIPT = LuaScript.load("enqueue", "mailbox-enqueue.lua");

    /** One message: keys pending, expiry, msg; arguments id, body, size, receivedAt, expiresAt. */
    record Entry(String[] keys, byte[][] args, CompletableFuture<Long> result) {}

    private final RedisConnection connection;
    private final String[] totalsKeys;
    private final byte[] maxCount;
    private final byte[] maxBytes;
    private final boolean group;
    private final ConcurrentLinkedQueue<Entry> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor dispatcher;

    /** @param totalsKeys keys appended to every call: none, or the totals and index of all mailboxes */
    EnqueueBatcher(RedisConnection connection, String[] totalsKeys, long maxCount, long maxBytes) {
        this.connection = connection;
        this.totalsKeys = totalsKeys.clone();
        this.maxCount = Args.bytes(maxCount);
        this.maxBytes = Args.bytes(maxBytes);
        this.group = connection.settings().mode() != RedisSettings.Mode.CLUSTER;
        this.dispatcher = connection.dispatcher();
    }

    /**
     * Enqueues one message.
     *
     * @return the script's answer for it: pending count ({@code > 0}) stored, {@code -1} duplicate,
     *     {@code -2} the cap would reject before a sweep
     */
    CompletableFuture<Long> submit(String[] keys, byte[][] args) {
        Entry entry = new Entry(keys, args, new CompletableFuture<>());
        if (!group) {
            send(List.of(entry));
        } else {
            waiting.add(entry);
            schedule();
        }
        return entry.result();
    }

    /** Runs {@link #drain} on the dispatcher unless a run is already due. */
    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            dispatcher.execute(this::drain);
        } catch (RejectedExecutionException e) { // closed
            scheduled.set(false);
            for (Entry entry; (entry = waiting.poll()) != null; ) {
                entry.result().completeExceptionally(new IllegalStateException("the connection is closed", e));
            }
        }
    }

    /**
     * Sends waiting enqueues while fewer than {@link #MAX_IN_FLIGHT} calls are outstanding. Runs on
     * the dispatcher thread only, so calls leave in the order the enqueues were submitted (a send
     * from Lettuce's event loop itself would overtake sends still queued for it).
     */
    private void drain() {
        scheduled.set(false); // an enqueue added from now on schedules another run
        while (inFlight.get() < MAX_IN_FLIGHT && !waiting.isEmpty()) {
            List<Entry> batch = new ArrayList<>(Math.min(MAX_BATCH, 16));
            for (Entry entry; batch.size() < MAX_BATCH && (entry = waiting.poll()) != null; ) {
                batch.add(entry);
            }
            inFlight.incrementAndGet();
            send(batch).whenComplete((ignored, error) -> {
                inFlight.decrementAndGet();
                schedule();
            });
        }
    }

    private CompletableFuture<Void> send(List<Entry> batch) {
        String[] keys = new String[batch.size() * 3 + totalsKeys.length];
        System.arraycopy(totalsKeys, 0, keys, batch.size() * 3, totalsKeys.length);
        byte[][] args = new byte[2 + batch.size() * 5][];
        args[0] = maxCount;
        args[1] = maxBytes;
        for (int i = 0; i < batch.size(); i++) {
            Entry entry = batch.get(i);
            System.arraycopy(entry.keys(), 0, keys, i * 3, 3);
            System.arraycopy(entry.args(), 0, args, 2 + i * 5, 5);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            SCRIPT.<List<Object>>run(connection.async(), ScriptOutputType.MULTI, keys, args)
                    .whenComplete((reply, error) -> {
                        try {
                            for (int i = 0; i < batch.size(); i++) {
                                answer(batch.get(i).result(), reply, error, i, batch.size());
                            }
                        } finally {
                            done.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            batch.forEach(entry -> entry.result().completeExceptionally(e));
            done.complete(null);
        }
        return done;
    }

    private static void answer(
            CompletableFuture<Long> result, @Nullable List<Object> reply, @Nullable Throwable error, int i, int size) {
        if (error != null || reply == null) {
            result.completeExceptionally(error != null ? error : new IllegalStateException("no reply"));
        } else if (reply.size() != size || !(reply.get(i) instanceof Long code)) {
            result.completeExceptionally(
                    new IllegalStateException("enqueue script answered %s for %d messages".formatted(reply, size)));
        } else {
            result.complete(code);
        }
    }
}
