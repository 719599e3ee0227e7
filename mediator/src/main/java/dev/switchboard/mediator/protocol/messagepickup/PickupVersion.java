package dev.switchboard.mediator.protocol.messagepickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What differs between messagepickup 2.0, 3.0 and message-pickup 4.0, as {@link PickupExchange} reads it.
 *
 * @param piuri the protocol version
 * @param recipientField the optional recipient field: {@code recipient_key} (2.0) or {@code recipient_did}
 * @param time a time in this version's format (2.0: ISO 8601 text, 3.0: epoch seconds, 4.0: epoch milliseconds)
 * @param request the batch a {@code delivery-request} asks for, see {@link #limitRequest}
 * @param emptyDelivery true when an empty queue answers a {@code delivery-request} with an empty {@code delivery}
 *     (4.0), false when with {@code status} (2.0, 3.0)
 * @param attach adds a batch's attachments to a {@code delivery} in the wallet's generation
 */
public record PickupVersion(
        Piuri piuri,
        String recipientField,
        Function<Instant, JsonNode> time,
        RequestReader request,
        boolean emptyDelivery,
        BiConsumer<ObjectNode, List<Delivery>> attach) {

    /** Reads a {@code delivery-request}'s content into a batch request. */
    @FunctionalInterface
    public interface RequestReader {
        /**
         * @param owner who the messages are handed to (the socket, or a one-off HTTP owner)
         * @param maxBatch the most messages per batch
         * @param lease how long handed-out messages stay in flight
         * @throws dev.switchboard.mediator.message.MediatorProblem {@code e.p.msg.invalid} for a bad limit
         */
        DeliveryRequest read(ObjectNode content, String owner, int maxBatch, Duration lease);
    }

    /** 2.0 and 3.0: {@code {"limit"}}, at most {@code maxBatch}, 10 when absent. */
    public static DeliveryRequest limitRequest(ObjectNode content, String owner, int maxBatch, Duration lease) {
        return DeliveryRequest.of(Messages.optionalLimit(content, "limit", 10, maxBatch), owner, lease);
    }
}
