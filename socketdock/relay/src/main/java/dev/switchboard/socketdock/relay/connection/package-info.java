/**
 * One relayed WebSocket and the set of them. In: the pipeline handlers create a
 * {@link dev.switchboard.socketdock.relay.connection.RelayConnection} when a handshake completes and
 * move it through its {@link dev.switchboard.socketdock.relay.connection.ConnectionState}
 * (Handshaking -&gt; Open -&gt; Draining -&gt; Closed, or straight to Closed). Out: the
 * {@link dev.switchboard.socketdock.relay.connection.ConnectionRegistry} answers callbacks
 * ("which channel is socket {@code id}?"), drain ("close them all") and the open-connections gauge, and
 * holds the connection cap; {@link dev.switchboard.socketdock.relay.connection.AddressLimits} counts
 * connections and new connections per second per client address (a bounded Caffeine table) for the
 * pipeline's admission.
 *
 * <p>Threading: a connection's state is changed only on its channel's event loop; the registry is
 * a concurrent map read from any thread; the address table is thread-safe.
 */
@NullMarked
package dev.switchboard.socketdock.relay.connection;

import org.jspecify.annotations.NullMarked;
