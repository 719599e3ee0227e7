package dev.switchboard.mediator.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** A new JSON object node. */
    public static ObjectNode object() {
        return JSON.objectNode();
    }

    /**
     * A required string field.
     *
     * @throws MediatorProblem {@link ProblemReports#INVALID} when absent, empty or not a string
     */
    public static String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MediatorProblem(ProblemReports.INVALID, "'" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    /**
     * A required array field.
     *
     * @throws MediatorProblem {@link ProblemReports#INVALID} when absent or not an array
     */
    public static JsonNode requireArray(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new MediatorProblem(ProblemReports.INVALID, "'" + field + "' is missing or not an array");
        }
        return value;
    }

    /**
     * An optional positive integer field.
     *
     * @throws MediatorProblem {@link ProblemReports#INVALID} when present but not an integer in [1, max]
     */
    public static int optionalLimit(JsonNode node, String field, int dflt, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new MediatorProblem(ProblemReports.INVALID, "'" + field + "' must be a positive integer");
        }
        return Math.min(value.asInt(), max);
    }
}
