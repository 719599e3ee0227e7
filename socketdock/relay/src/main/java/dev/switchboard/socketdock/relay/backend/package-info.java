/**
 * Relay -&gt; backend traffic: connect, message and disconnect events and instance heartbeats,
 * POSTed as SocketDock JSON with a request token, without ever blocking an event loop.
 *
 * <p>In: events from the pipeline, enqueued on the socket's
 * {@link dev.switchboard.socketdock.relay.backend.DispatchQueue} (bounded, one POST in flight per
 * socket, so order is kept per socket and a slow backend slows only the sockets waiting on it).
 * Out: HTTP/1.1 POSTs through {@link dev.switchboard.socketdock.relay.backend.BackendClient}, and an
 * {@link dev.switchboard.socketdock.relay.backend.Outcome} per event after retries, which the
 * connection maps to a close code (1008 connect refused, 1011 backend failed, 1013 overloaded, also when
 * no pooled connection comes free in time: {@link dev.switchboard.socketdock.relay.backend.PoolExhaustedException};
 * 1009 when the backend answers a message 413). The queue is bounded in events and in body bytes.
 * A message POST carries its frame's trace context ({@code traceparent}, from {@code tracing}) on
 * every attempt.
 *
 * <p>Why Netty's own HTTP client and not {@code java.net.http.HttpClient}: the POSTs run on the
 * relay's event loops (no extra selector or executor threads, no thread hops beyond one
 * {@code execute} back to the socket's loop), keep-alive connections are pooled per backend host
 * with a hard cap ({@link io.netty.channel.pool.FixedChannelPool}), bodies go out as wrapped byte
 * arrays, and timeouts are event-loop timers. Host names are resolved by Netty's default resolver
 * when a pooled connection is opened (rare: connections are kept alive); use IP addresses or a
 * local DNS cache for backends where a slow resolver is a concern.
 */
@NullMarked
package dev.switchboard.socketdock.relay.backend;

import org.jspecify.annotations.NullMarked;
