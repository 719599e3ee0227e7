package dev.switchboard.socketdock.relay.backend;

import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import dev.switchboard.socketdock.relay.metrics.RelayMetrics;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One socket's backend POSTs, sent one at a time in arrival order. Bounded: {@link #offer} refuses
 * when {@code capacity} events are waiting, or when the bodies waiting would exceed {@code maxBytes} (the
 * first one waiting always fits; issue 13: a socket cannot hold {@code capacity} frames of the maximum size);
 * the caller then closes the socket with 1013. Notices
 * that must go out whatever the load ({@link #offerAlways}, the disconnect notice) bypass the bound.
 * Confined to the socket's event loop: every method must be called there.
 */
public final class DispatchQueue {
    /**
     * One queued event.
     *
     * @param event metric label
     * @param uri where to POST
     * @param body the JSON body
     * @param binding the message's {@code Idempotency-Key} (sent as the header) and the connection id, both
     *     bound into the request token
     * @param traceHeaders trace context headers for the POST (W3C {@code traceparent}), empty for none
     * @param onDone called on the event loop with the final outcome
     */
    public record Item(
            String event,
            URI uri,
            byte[] body,
            RequestBinding binding,
            Map<String, String> traceHeaders,
            Consumer<Outcome> onDone) {
        /** An item without trace headers. */
        public Item(String event, URI uri, byte[] body, RequestBinding binding, Consumer<Outcome> onDone) {
            this(event, uri, body, binding, Map.of(), onDone);
        }
    }

    private final EventLoop loop;
    private final BackendDispatcher dispatcher;
    private final RelayMetrics metrics;
    private final int capacity;
    private final long maxBytes;
    private @Nullable ArrayDeque<Item> waiting;
    private long waitingBytes;
    private boolean busy;

    /** A queue bounded by events only. @param capacity events waiting behind the one in flight, {@code > 0} */
    public DispatchQueue(EventLoop loop, BackendDispatcher dispatcher, RelayMetrics metrics, int capacity) {
        this(loop, dispatcher, metrics, capacity, Long.MAX_VALUE);
    }

    /**
     * @param capacity events waiting behind the one in flight, {@code > 0}
     * @param maxBytes body bytes of the events waiting behind the one in flight, {@code > 0}
     */
    public DispatchQueue(
            EventLoop loop, BackendDispatcher dispatcher, RelayMetrics metrics, int capacity, long maxBytes) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
        }
        this.maxBytes = maxBytes;
        this.loop = loop;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.capacity = capacity;
    }

    /** Enqueues an event. @return false when the queue is full, in events or in bytes (nothing enqueued) */
    public boolean offer(Item item) {
        if (busy
                && waiting != null
                && !waiting.isEmpty()
                && (waiting.size() >= capacity || waitingBytes + item.body().length > maxBytes)) {
            return false;
        }
        offerAlways(item);
        return true;
    }

    /** Enqueues an event regardless of the bound. */
    public void offerAlways(Item item) {
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        waiting.add(item);
        waitingBytes += item.body().length;
        metrics.dispatchDepth(1);
        pump();
    }

    /** Drops waiting events of this kind (not the one in flight). @return how many were dropped */
    public int drop(String event) {
        if (waiting == null) {
            return 0;
        }
        int before = waiting.size();
        waiting.removeIf(i -> {
            boolean match = i.event().equals(event);
            if (match) {
                waitingBytes -= i.body().length;
            }
            return match;
        });
        int dropped = before - waiting.size();
        metrics.dispatchDepth(-dropped);
        return dropped;
    }

    /** Body bytes of the events waiting (not the one in flight). */
    public long waitingBytes() {
        return waitingBytes;
    }

    /** Events waiting or in flight. */
    public int depth() {
        return (waiting == null ? 0 : waiting.size()) + (busy ? 1 : 0);
    }

    private void pump() {
        if (busy || waiting == null || waiting.isEmpty()) {
            return;
        }
        Item item = waiting.poll();
        waitingBytes -= item.body().length;
        busy = true;
        dispatcher
                .post(item.event(), item.uri(), item.body(), item.binding(), item.traceHeaders(), true, loop)
                .addListener(f -> {
                    busy = false;
                    metrics.dispatchDepth(-1);
                    if (waiting != null && waiting.isEmpty()) {
                        waiting = null; // idle sockets hold no queue
                    }
                    Outcome outcome = f.isSuccess()
                            ? (Outcome) f.getNow()
                            : new Outcome(Outcome.Kind.FAILED, 0, String.valueOf(f.cause()));
                    item.onDone().accept(outcome);
                    pump();
                });
    }
}
