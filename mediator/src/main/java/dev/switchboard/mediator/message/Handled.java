package dev.switchboard.mediator.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;

/**
 * What handling one message produced, returned by every {@link Handles} method.
 *
 * @param replies the replies to the sender, in order (plaintext; the front door packs and routes them)
 * @param pushAfter wallets (connection keys) whose mailboxes are pushed once the replies went out, so a reply on
 *     the socket (e.g. the {@code status} answering {@code live-delivery-change}) precedes the deliveries
 */
public record Handled(List<ObjectNode> replies, List<String> pushAfter) {
    /** No reply, no push. */
    public static final Handled NOTHING = new Handled(List.of(), List.of());

    public Handled {
        replies = List.copyOf(replies);
        pushAfter = List.copyOf(pushAfter);
    }

    /** One reply. */
    public static Handled reply(ObjectNode reply) {
        return new Handled(List.of(reply), List.of());
    }

    /** The same replies, then a push of {@code conn}'s mailbox. */
    public Handled thenPush(String conn) {
        return new Handled(
                replies, Stream.concat(pushAfter.stream(), Stream.of(conn)).toList());
    }
}
