package dev.switchboard.mediator.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The {@code ~transport.return_route} decorator: may the receiver reply on the inbound connection?
 *
 * <p>Source: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0092-transport-return-route">Aries
 * RFC 0092, Transport Return Route</a>. Unknown values are read as {@link #NONE}.
 */
public enum ReturnRoute {
    /** No replies on this connection (the default when the decorator is absent). */
    NONE,
    /** Every message for the sender may go back on this connection. */
    ALL,
    /** Replies in the same thread ({@code ~transport.return_route_thread}) may go back on this connection. */
    THREAD;

    /** Reads the decorator from a plaintext message. */
    public static ReturnRoute of(JsonNode message) {
        JsonNode value = message.path("~transport").path("return_route");
        if (!value.isTextual()) {
            return NONE;
        }
        return switch (value.asText().toLowerCase(Locale.ROOT)) {
            case "all" -> ALL;
            case "thread" -> THREAD;
            default -> NONE;
        };
    }

    /** True when replies may use the inbound connection. */
    public boolean allowsReply() {
        return this != NONE;
    }
}
