/**
 * A SocketDock echo backend for trying the relay without the mediator: it takes the relay's
 * connect, message, disconnect and heartbeat POSTs (verifying their request tokens), and sends each
 * message back to its socket through the {@code send} callback (with a token), text as text and
 * binary as binary. Used by the root {@code ./run} script and the benchmarks.
 */
@NullMarked
package dev.switchboard.socketdock.echo;

import org.jspecify.annotations.NullMarked;
