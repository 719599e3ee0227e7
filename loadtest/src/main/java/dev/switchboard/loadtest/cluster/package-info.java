/**
 * The system under test on loopback, as child processes, and the nemesis that hits it. In: a {@link
 * dev.switchboard.loadtest.cluster.ClusterSpec} (an embedded Redis, Debian's redis-server with AOF, or a given
 * one; N socketdock relays; M mediators; optionally HAProxy in front of both tiers and as the fault proxy
 * between the mediators and Redis and before each relay's callbacks) and a schedule of {@link
 * dev.switchboard.loadtest.cluster.Fault}s (a {@link dev.switchboard.loadtest.cluster.ChaosCell}, or the
 * {@code faults} scenario's kills), plus {@code loadtest.mediator.*} properties passed on to every mediator. Out: endpoints, process ids and RSS samples, and the {@link
 * dev.switchboard.loadtest.ledger.FaultWindow}s the {@link dev.switchboard.loadtest.cluster.Nemesis} recorded
 * (SIGKILL, restart, SIGSTOP/SIGCONT, callbacks delayed, mediators cut from Redis) for the checker; teardown
 * resumes and stops everything it started.
 */
@NullMarked
package dev.switchboard.loadtest.cluster;

import org.jspecify.annotations.NullMarked;
