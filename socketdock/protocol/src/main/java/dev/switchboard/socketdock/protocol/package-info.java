/**
 * SocketDock's wire protocol between a relay and its backend, shared by the relay (Netty 4.2) and
 * the mediator (Quarkus, Netty 4.1) without pulling Netty onto either classpath.
 *
 * <p>What flows through here:
 *
 * <ul>
 *   <li>relay -&gt; backend: {@link dev.switchboard.socketdock.protocol.ConnectEvent},
 *       {@link dev.switchboard.socketdock.protocol.MessageEvent},
 *       {@link dev.switchboard.socketdock.protocol.DisconnectEvent} and our
 *       {@link dev.switchboard.socketdock.protocol.Heartbeat}, each POSTed as JSON;
 *   <li>backend -&gt; relay: the {@code send} and {@code disconnect} callbacks whose URIs travel in
 *       {@link dev.switchboard.socketdock.protocol.Meta} (paths in
 *       {@link dev.switchboard.socketdock.protocol.CallbackPaths}).
 * </ul>
 *
 * <p>{@link dev.switchboard.socketdock.protocol.SocketDockJson} reads and writes these shapes
 * exactly as Indicio's SocketDock does, plus our optional extension fields, which old backends
 * ignore; reading tolerates unknown fields and missing extensions. Both directions are
 * authenticated by the scheme in {@link dev.switchboard.socketdock.protocol.auth}.
 *
 * @see <a href="https://github.com/Indicio-tech/socketdock">SocketDock</a>
 */
@NullMarked
package dev.switchboard.socketdock.protocol;

import org.jspecify.annotations.NullMarked;
