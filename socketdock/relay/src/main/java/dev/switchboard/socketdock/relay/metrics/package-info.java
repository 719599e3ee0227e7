/**
 * The relay's Prometheus metrics. In: counts and timings from the handlers and the backend
 * dispatcher (lock-free {@link java.util.concurrent.atomic.LongAdder}s). Out: the text exposition
 * format 0.0.4 served at {@code GET /metrics} on the internal listener. Written here rather than
 * with a metrics library: a dozen counters and one histogram family do not justify a dependency.
 *
 * @see <a href="https://prometheus.io/docs/instrumenting/exposition_formats/">Prometheus exposition formats</a>
 */
@NullMarked
package dev.switchboard.socketdock.relay.metrics;

import org.jspecify.annotations.NullMarked;
