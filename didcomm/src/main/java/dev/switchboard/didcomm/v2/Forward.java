package dev.switchboard.didcomm.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * routing/2.0 {@code forward}: build one (sender side) and recognise one (mediator side).
 *
 * <p>Source: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#routing-protocol-20">DIDComm
 * Messaging 2.1, Routing Protocol 2.0</a>: {@code {"type":".../routing/2.0/forward","id","to":[mediator],
 * "expires_time"?,"body":{"next":DID or key},"attachments":[{"id","data":{"json":JWE}}]}}.
 */
public final class Forward {
    /** The forward message type URI. */
    public static final String TYPE = "https://didcomm.org/routing/2.0/forward";

    /**
     * A recognised forward.
     *
     * @param next where to send the attached message: a DID, or a key (DID URL) for the last hop
     * @param forwardedMessage the attached message as JSON text (a JWE, opaque to the mediator)
     * @param forward the whole forward plaintext (for {@code expires_time}, {@code delay_milli}, ...)
     */
    public record ForwardRequest(String next, String forwardedMessage, Message forward) {
        public ForwardRequest {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(forwardedMessage, "forwardedMessage");
            Objects.requireNonNull(forward, "forward");
        }
    }

    private Forward() {}

    /** True when the message's type is routing/2.0 forward. */
    public static boolean isForward(Message message) {
        return TYPE.equals(message.type());
    }

    /**
     * Recognises a forward and extracts {@code next} and the first attachment (data {@code json}, or {@code
     * base64} of JSON).
     *
     * @return empty when the message is not a forward
     * @throws DidcommException {@code e.p.msg.invalid} when it is a forward without {@code body.next} or without
     *     a usable attachment
     */
    public static Optional<ForwardRequest> parse(Message message) {
        if (!isForward(message)) {
            return Optional.empty();
        }
        String next = Json.text(message.body(), "next", "forward body");
        if (message.attachments().isEmpty()) {
            throw DidcommException.invalid("forward: no attachment");
        }
        AttachmentData data = message.attachments().get(0).data();
        JsonNode json = data.json();
        String attached;
        if (json != null) {
            if (!json.isObject()) {
                throw DidcommException.invalid("forward: attachment data.json is not an object");
            }
            attached = Json.write(json);
        } else if (data.base64() != null) {
            byte[] bytes;
            try {
                bytes = new Base64URL(data.base64().replace('+', '-').replace('/', '_')).decode();
            } catch (RuntimeException e) {
                throw DidcommException.invalid("forward: attachment data.base64 is not base64", e);
            }
            attached = Json.write(Json.parseObject(bytes, "forwarded message"));
        } else {
            throw DidcommException.invalid("forward: attachment has neither json nor base64 data");
        }
        return Optional.of(new ForwardRequest(next, attached, message));
    }

    /**
     * A forward asking the holder of {@code to} to pass {@code packedMessage} on to {@code next}.
     *
     * @param next the next hop: the final recipient's DID, or the previous routing key
     * @param packedMessage a JWE in JSON
     * @param to the mediator DIDs this forward is for
     * @param expiresTime epoch seconds (copy the inner message's), or null
     */
    public static Message wrap(String next, String packedMessage, List<String> to, @Nullable Long expiresTime) {
        ObjectNode body = Json.object();
        body.put("next", next);
        ObjectNode jwe = Json.parseObject(packedMessage, "forwarded message");
        return Message.builder(UUID.randomUUID().toString(), TYPE, body)
                .to(to)
                .expiresTime(expiresTime)
                .attachments(List.of(Attachment.of(UUID.randomUUID().toString(), AttachmentData.ofJson(jwe))))
                .build();
    }
}
