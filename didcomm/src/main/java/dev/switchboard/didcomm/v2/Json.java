package dev.switchboard.didcomm.v2;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Jackson plumbing shared by the v2 codecs: parse errors become {@link DidcommException#invalid}. */
final class Json {
    /** Nesting is capped: no DIDComm structure needs more, and deep nesting is a cheap attack. */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .build();

    private Json() {}

    /** Parses a JSON object; anything else (array, scalar, bad JSON) is {@code e.p.msg.invalid}. */
    static ObjectNode parseObject(String json, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw DidcommException.invalid(what + ": not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw DidcommException.invalid(what + ": not a JSON object");
        }
        return (ObjectNode) node;
    }

    static ObjectNode parseObject(byte[] json, String what) {
        return parseObject(new String(json, StandardCharsets.UTF_8), what);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("serialising a JSON tree cannot fail", e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A required string member. */
    static String text(ObjectNode node, String field, String what) {
        String value = optText(node, field, what);
        if (value == null) {
            throw DidcommException.invalid(what + ": '" + field + "' missing");
        }
        return value;
    }

    /** An optional string member: absent or null gives null, any other type is invalid. */
    static @Nullable String optText(ObjectNode node, String field, String what) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw DidcommException.invalid(what + ": '" + field + "' is not a string");
        }
        return v.textValue();
    }

    /** An optional integral number member (epoch seconds, sizes). */
    static @Nullable Long optLong(ObjectNode node, String field, String what) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw DidcommException.invalid(what + ": '" + field + "' is not an integer");
        }
        return v.longValue();
    }

    /** A required object member. */
    static ObjectNode obj(ObjectNode node, String field, String what) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw DidcommException.invalid(what + ": '" + field + "' missing or not an object");
        }
        return (ObjectNode) v;
    }
}
