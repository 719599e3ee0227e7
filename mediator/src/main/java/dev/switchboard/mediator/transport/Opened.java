package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.ReturnRoute;

/**
 * An inbound envelope opened by {@link V1Opener} or {@link V2Opener}: what the {@link Dispatcher} goes on with (or
 * a {@link Dispatcher.Outcome.Refused} before any reply the sender could read).
 */
sealed interface Opened permits Opened.Parsed, Opened.Unparsed, Dispatcher.Outcome.Refused {
    /**
     * A parsed message for the registry.
     *
     * @param packer packs a reply from the key or DID it was sent to, to its sender
     * @param mediaType the media type of a reply in the HTTP response body
     */
    record Parsed(InboundMessage message, ReplyRouter.Packer packer, String mediaType) implements Opened {}

    /** A plaintext without a usable type from an authenticated {@code sender}: answered with {@code report}. */
    record Unparsed(
            ObjectNode report, String sender, ReturnRoute returnRoute, ReplyRouter.Packer packer, String mediaType)
            implements Opened {}
}
