/**
 * Benchmark clients (not tests; run by {@code socketdock/bench/*.sh}). {@link
 * dev.switchboard.socketdock.bench.ConnectionsClient} opens and holds many WebSockets from one
 * source address and pings each once a minute; {@link dev.switchboard.socketdock.bench.EchoLoadClient}
 * drives echo traffic and reports messages per second and latency percentiles. Both use Netty's
 * WebSocket client on the same transport as the relay.
 */
@NullMarked
package dev.switchboard.socketdock.bench;

import org.jspecify.annotations.NullMarked;
