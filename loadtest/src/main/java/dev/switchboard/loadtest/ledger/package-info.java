/**
 * Loss, duplicate and latency accounting of one load-generator JVM, and the checker over it. In: every forward
 * id a mediator answered 202 or refused (from the senders), every id a wallet unpacked (from the wallets), and
 * the fault windows the nemesis recorded. Out: the {@link dev.switchboard.loadtest.ledger.LedgerReport} (lost,
 * duplicates, end-to-end latency percentiles) and the {@link dev.switchboard.loadtest.ledger.Checker}'s {@link
 * dev.switchboard.loadtest.ledger.Verdict} (delivered, recovered, lost, duplicated, unexpected, reordered, and
 * per fault window the time to recover and the p99 during the fault), printed and written as JSON at the end
 * of a run; an invalid verdict fails the run.
 */
@NullMarked
package dev.switchboard.loadtest.ledger;

import org.jspecify.annotations.NullMarked;
