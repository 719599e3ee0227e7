/**
 * The SocketDock-compatible WebSocket relay: configuration ({@link
 * dev.switchboard.socketdock.relay.RelayConfig}, parsed from SocketDock's flags and ours by {@link
 * dev.switchboard.socketdock.relay.RelayOptions} with picocli, whose flags are the setters of {@link
 * dev.switchboard.socketdock.relay.RelayConfigBuilder} and of its superclasses split by concern: listeners,
 * backend, auth and tracing export, limits; environment variables included), the instance lifecycle ({@link
 * dev.switchboard.socketdock.relay.Relay}: bind, heartbeat, drain) and the entry point {@link
 * dev.switchboard.socketdock.relay.Main}.
 *
 * <p>In: WebSocket clients on the public listener; backend callbacks on the internal listener. Out:
 * backend POSTs (connect, message, disconnect, heartbeat) and frames to clients. The pipelines are
 * in {@code pipeline}, a socket's state and dispatch in {@code connection} and {@code backend},
 * metrics in {@code metrics}, spans in {@code tracing}. Logs go through SLF4J to logback
 * ({@code logback.xml}: text or JSON by {@code SOCKETDOCK_LOG_FORMAT}, level by {@code SOCKETDOCK_LOG_LEVEL}).
 */
@NullMarked
package dev.switchboard.socketdock.relay;

import org.jspecify.annotations.NullMarked;
