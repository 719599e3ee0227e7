package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.relay.connection.RelayConnection;
import io.netty.channel.Channel;

/** Closes a socket with a close code, through its connection when it has one. */
final class Closer {
    private Closer() {}

    static void close(Channel channel, int code, String reason) {
        RelayConnection connection = channel.attr(RelayConnection.KEY).get();
        if (connection != null) {
            connection.close(code, reason);
        } else {
            channel.close();
        }
    }
}
