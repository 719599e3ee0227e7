/**
 * Metrics as a plain listener, so this module stays free of Micrometer and Quarkus: adapters call
 * {@link dev.switchboard.queue.metrics.QueueMetrics}; the mediator implements it with Micrometer
 * counters ({@code switchboard.queue.*}) and timers. {@link
 * dev.switchboard.queue.metrics.CountingQueueMetrics} keeps totals in memory (tests, benchmarks,
 * or as a source for Micrometer {@code FunctionCounter}s).
 */
@NullMarked
package dev.switchboard.queue.metrics;

import org.jspecify.annotations.NullMarked;
