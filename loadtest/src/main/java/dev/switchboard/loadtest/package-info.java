/**
 * Load and fault testing of Switchboard: virtual DIDComm v1 wallets (in {@code wallet}), forward senders (in
 * {@code sender}), the loss/duplicate/latency ledger (in {@code ledger}), the system under test started on
 * loopback (in {@code cluster}), the CPU accounting and side-by-side table of comparison runs (in {@code
 * figures}) and the attacker of {@code loadtest/run abuse} (in {@code abuse}). Gatling simulations (test
 * sources, {@code simulation}) drive them.
 */
@NullMarked
package dev.switchboard.loadtest;

import org.jspecify.annotations.NullMarked;
