package dev.switchboard.mediator.protocol.messagepickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.queue.mailbox.Delivery;
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
 * @param limitField the {@code delivery-request}'s batch size field: {@code limit} (2.0, 3.0), {@code
 *     message_count_limit} (4.0, which also reads {@code max_receive_bytes})
 * @param emptyDelivery true when an empty queue answers a {@code delivery-request} with an empty {@code delivery}
 *     (4.0), false when with {@code status} (2.0, 3.0)
 * @param attach adds a batch's attachments to a {@code delivery} in the wallet's generation
 */
public record PickupVersion(
        Piuri piuri,
        String recipientField,
        Function<Instant, JsonNode> time,
        String limitField,
        boolean emptyDelivery,
        BiConsumer<ObjectNode, List<Delivery>> attach) {}
