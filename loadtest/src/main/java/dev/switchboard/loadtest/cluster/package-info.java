/**
 * The system under test on loopback, as child processes: an embedded Redis (real redis-server binary) or a
 * given one, N socketdock relays, M mediators, and optionally HAProxy in front of both tiers. In: a {@link
 * dev.switchboard.loadtest.cluster.ClusterSpec}. Out: endpoints, process ids and RSS samples; teardown kills
 * everything it started. Fault injection (SIGKILL of one relay or mediator) is here too.
 */
@NullMarked
package dev.switchboard.loadtest.cluster;

import org.jspecify.annotations.NullMarked;
