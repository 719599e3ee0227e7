/**
 * The SocketDock-compatible WebSocket relay: configuration ({@link
 * dev.switchboard.socketdock.relay.RelayConfig}, parsed from SocketDock's flags and ours by {@link
 * dev.switchboard.socketdock.relay.RelayOptions} with picocli, environment variables included), the instance lifecycle ({@link
 * dev.switchboard.socketdock.relay.Relay}: bind, heartbeat, drain) and the entry point {@link
 * dev.switchboard.socketdock.relay.Main}.
 *
 * <p>In: WebSocket clients on the public listener; backend callbacks on the internal listener. Out:
 * backend POSTs (connect, message, disconnect, heartbeat) and frames to clients. The pipelines are
 * in {@code pipeline}, a socket's state and dispatch in {@code connection} and {@code backend},
 * metrics in {@code metrics}.
 */
@NullMarked
package dev.switchboard.socketdock.relay;

import org.jspecify.annotations.NullMarked;
