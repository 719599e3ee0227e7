/**
 * The Gatling simulation behind every scenario ({@link dev.switchboard.loadtest.simulation.WalletSimulation}):
 * in, {@code loadtest.*} system properties (see {@link dev.switchboard.loadtest.LoadSettings} and {@link
 * dev.switchboard.loadtest.cluster.ClusterSpec}, and those {@link
 * dev.switchboard.loadtest.simulation.WalletSimulation} reads itself); out, Gatling's report, the ledger
 * figures printed last and written as JSON ({@code loadtest.reportFile}) with the CPU of the system under test
 * over the sending window ({@link dev.switchboard.loadtest.simulation.WindowCpu}) and the push notifications a
 * loopback webhook received ({@link dev.switchboard.loadtest.simulation.PushWebhook}), and a failed assertion
 * when a message was lost.
 */
@NullMarked
package dev.switchboard.loadtest.simulation;

import org.jspecify.annotations.NullMarked;
