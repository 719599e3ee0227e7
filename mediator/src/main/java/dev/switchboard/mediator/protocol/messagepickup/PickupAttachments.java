package dev.switchboard.mediator.protocol.messagepickup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.queue.mailbox.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * The attachment lists that carry stored messages in pickup {@code delivery} messages, replies and live
 * deliveries alike: DIDComm v1 {@code ~attach} (messagepickup 2.0, message-pickup 4.0 over v1) and DIDComm v2
 * {@code attachments} (messagepickup 3.0 as {@code base64}, message-pickup 4.0 as {@code json}).
 */
public final class PickupAttachments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PickupAttachments() {}

    /**
     * Appends DIDComm v2 attachments {@code {"id", "data":{"base64"|"json"}}} per message to a v2 message.
     *
     * @param base64 true for {@code data.base64} (messagepickup 3.0), false for {@code data.json}
     */
    public static void attachV2(ObjectNode message, List<Delivery> batch, boolean base64) {
        for (Delivery d : batch) {
            ObjectNode data = JSON.createObjectNode();
            if (base64) {
                data.put("base64", Base64.getUrlEncoder().withoutPadding().encodeToString(d.message()));
            } else {
                try {
                    data.set("json", JSON.readTree(d.message()));
                } catch (IOException e) {
                    throw new UncheckedIOException("stored message " + d.messageId() + " is not JSON", e);
                }
            }
            Messages.attach(message, d.messageId(), data);
        }
    }

    /** Appends {@code {"@id", "data":{"json": <envelope>}}} per message. */
    public static void attach(ArrayNode attachments, List<Delivery> batch) {
        for (Delivery d : batch) {
            ObjectNode attachment = attachments.addObject();
            attachment.put("@id", d.messageId());
            try {
                attachment.putObject("data").set("json", JSON.readTree(d.message()));
            } catch (IOException e) {
                throw new UncheckedIOException("stored message " + d.messageId() + " is not JSON", e);
            }
        }
    }
}
