/**
 * Loss, duplicate and latency accounting of one load-generator JVM. In: every forward id a mediator answered
 * 202 (from the senders) and every id a wallet unpacked (from the wallets). Out: the {@link
 * dev.switchboard.loadtest.ledger.LedgerReport} (lost, duplicates, end-to-end latency percentiles) printed
 * and written as JSON at the end of a run.
 */
@NullMarked
package dev.switchboard.loadtest.ledger;

import org.jspecify.annotations.NullMarked;
