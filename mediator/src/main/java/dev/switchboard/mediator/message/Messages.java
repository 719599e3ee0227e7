package dev.switchboard.mediator.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import java.util.UUID;

/**
 * Builds DIDComm v1 plaintext messages: {@code @type} (https form), a fresh {@code @id}, and the {@code
 * ~thread} decorator (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/concepts/0008-message-id-and-threading">RFC
 * 0008</a>).
 */
public final class Messages {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Messages() {}

    /** A new message of {@code type} with a fresh UUID {@code @id} and no thread. */
    public static ObjectNode create(MessageType type) {
        ObjectNode message = JSON.objectNode();
        message.put("@type", type.toString());
        message.put("@id", UUID.randomUUID().toString());
        return message;
    }

    /** A reply to {@code in}: {@code ~thread.thid} = the inbound thread id (its {@code @id} when it had none). */
    public static ObjectNode reply(InboundMessage in, MessageType type) {
        ObjectNode message = create(type);
        ObjectNode thread = message.putObject("~thread");
        thread.put("thid", in.thid());
        String pthid = in.pthid();
        if (pthid != null) {
            thread.put("pthid", pthid);
        }
        return message;
    }

    /**
     * A reply to {@code in} in its generation: v1 as {@link #reply(InboundMessage, MessageType)}; v2 {@code
     * {"id","type","thid","pthid"?,"created_time","body":{}}} (<a
     * href="https://identity.foundation/didcomm-messaging/spec/v2.1/#threads">DIDComm 2.1, Threads</a>);
     * the dispatcher adds {@code from} and {@code to}. Put protocol fields in {@link #content(ObjectNode)}.
     */
    public static ObjectNode replyInKind(InboundMessage in, MessageType type) {
        if (!in.isV2()) {
            return reply(in, type);
        }
        ObjectNode message = createV2(type);
        message.put("thid", in.thid());
        String pthid = in.pthid();
        if (pthid != null) {
            message.put("pthid", pthid);
        }
        return message;
    }

    /** A new unthreaded DIDComm v2 message of {@code type} with an empty {@code body}. */
    public static ObjectNode createV2(MessageType type) {
        ObjectNode message = JSON.objectNode();
        message.put("id", UUID.randomUUID().toString());
        message.put("type", type.toString());
        message.put("created_time", java.time.Instant.now().getEpochSecond());
        message.putObject("body");
        return message;
    }

    /** Where a message's protocol fields go: a v2 message's {@code body}, else the v1 message itself. */
    public static ObjectNode content(ObjectNode message) {
        return message.has("type") && message.get("body") instanceof ObjectNode body ? body : message;
    }

    /**
     * Appends an attachment: v1 {@code ~attach[{"@id","data"}]}, v2 {@code attachments[{"id","data"}]}.
     *
     * @param data the attachment's {@code data} object ({@code json} or {@code base64})
     */
    public static void attach(ObjectNode message, String id, ObjectNode data) {
        boolean v2 = message.has("type");
        ArrayNode list = message.has(v2 ? "attachments" : "~attach")
                ? (ArrayNode) message.get(v2 ? "attachments" : "~attach")
                : message.putArray(v2 ? "attachments" : "~attach");
        ObjectNode attachment = list.addObject();
        attachment.put(v2 ? "id" : "@id", id);
        attachment.set("data", data);
    }

    /**
     * A required string field.
     *
     * @throws MediatorProblem {@link ProblemCode#MSG_INVALID} when absent, empty or not a string
     */
    public static String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "'" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    /**
     * A required array field.
     *
     * @throws MediatorProblem {@link ProblemCode#MSG_INVALID} when absent or not an array
     */
    public static JsonNode requireArray(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "'" + field + "' is missing or not an array");
        }
        return value;
    }

    /**
     * An optional positive integer field.
     *
     * @throws MediatorProblem {@link ProblemCode#MSG_INVALID} when present but not an integer in [1, max]
     */
    public static int optionalLimit(JsonNode node, String field, int dflt, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "'" + field + "' must be a positive integer");
        }
        return Math.min(value.asInt(), max);
    }
}
