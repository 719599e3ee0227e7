/**
 * Benchmarks, run as commands (not tests): {@link dev.switchboard.queue.bench.MailboxBenchmark} via
 * {@code queue/bench/run.sh}. In: a Redis URI; out: throughput figures on stdout.
 */
@NullMarked
package dev.switchboard.queue.bench;

import org.jspecify.annotations.NullMarked;
