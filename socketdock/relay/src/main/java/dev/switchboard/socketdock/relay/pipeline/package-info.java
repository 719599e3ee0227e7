/**
 * The relay's two Netty pipelines, one handler per concern.
 *
 * <p>Public listener ({@link dev.switchboard.socketdock.relay.pipeline.RelayChannelInitializer}):
 * TCP connections are admitted as they are accepted by {@code AdmissionHandler} (connection cap, per-address
 * limits, handshake timeout), HTTP upgrade requests flow in, pass the {@code UpgradeGate} (path, draining,
 * admission: 503),
 * become WebSockets through Netty's protocol handler, and whole data frames reach
 * {@code WebSocketRelayHandler}, which hands them to the socket's
 * {@link dev.switchboard.socketdock.relay.connection.RelayConnection} to be POSTed to the backend
 * in order. Out flow close frames (with RFC 6455 codes), pings from {@code KeepaliveHandler}, and the
 * frames written by the {@code send} callback.
 *
 * <p>Internal listener ({@link dev.switchboard.socketdock.relay.pipeline.InternalChannelInitializer}):
 * the backend's authenticated callbacks flow in and become frames or closes on the target socket;
 * health and metrics requests are answered from the shared
 * {@link dev.switchboard.socketdock.relay.RelayContext}. Every status the relay answers is built in
 * {@code HttpResponses}.
 *
 * <p>No handler here blocks: backend POSTs leave through the dispatch queue, callbacks write to
 * other channels through their thread-safe {@code writeAndFlush}.
 */
@NullMarked
package dev.switchboard.socketdock.relay.pipeline;

import org.jspecify.annotations.NullMarked;
