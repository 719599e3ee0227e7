/**
 * Metrics as a plain listener: adapters call {@link dev.switchboard.queue.metrics.QueueMetrics} on
 * every event and operation. {@link dev.switchboard.queue.metrics.MicrometerQueueMetrics} turns them
 * into Micrometer meters ({@code micrometer-core} is an optional dependency; no Quarkus here); {@link
 * dev.switchboard.queue.metrics.CountingQueueMetrics} keeps in-memory totals (tests, benchmarks); {@link
 * dev.switchboard.queue.metrics.MailboxGauges} turns {@link dev.switchboard.queue.mailbox.MailboxAdmin#totals}
 * into gauges of all mailboxes (depth, bytes, oldest pending age) without blocking a scrape.
 */
@NullMarked
package dev.switchboard.queue.metrics;

import org.jspecify.annotations.NullMarked;
