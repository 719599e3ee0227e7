package dev.switchboard.didcomm.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** JSON tree to and from {@link Message}; every shape error is {@code e.p.msg.invalid}. */
final class PlaintextCodec {
    static final Set<String> KNOWN = Set.of(
            "id", "type", "typ", "from", "to", "thid", "pthid", "created_time", "expires_time", "body", "attachments");
    private static final String WHAT = "plaintext message";

    private PlaintextCodec() {}

    static Message fromJson(ObjectNode node) {
        String id = Json.text(node, "id", WHAT);
        String type = Json.text(node, "type", WHAT);
        JsonNode bodyNode = node.get("body");
        ObjectNode body;
        if (bodyNode == null || bodyNode.isNull()) {
            body = Json.object();
        } else if (bodyNode.isObject()) {
            body = (ObjectNode) bodyNode;
        } else {
            throw DidcommException.invalid(WHAT + ": 'body' is not an object");
        }
        Map<String, JsonNode> extras = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!KNOWN.contains(e.getKey())) {
                extras.put(e.getKey(), e.getValue());
            }
        });
        return new Message(
                id,
                type,
                Json.optText(node, "typ", WHAT),
                Json.optText(node, "from", WHAT),
                stringList(node.get("to"), "to"),
                Json.optText(node, "thid", WHAT),
                Json.optText(node, "pthid", WHAT),
                Json.optLong(node, "created_time", WHAT),
                Json.optLong(node, "expires_time", WHAT),
                body,
                attachments(node.get("attachments")),
                extras);
    }

    static ObjectNode toJsonNode(Message m) {
        ObjectNode o = Json.object();
        o.put("id", m.id());
        putIfSet(o, "typ", m.typ());
        o.put("type", m.type());
        putIfSet(o, "from", m.from());
        if (!m.to().isEmpty()) {
            ArrayNode to = o.putArray("to");
            m.to().forEach(to::add);
        }
        putIfSet(o, "thid", m.thid());
        putIfSet(o, "pthid", m.pthid());
        if (m.createdTime() != null) {
            o.put("created_time", m.createdTime());
        }
        if (m.expiresTime() != null) {
            o.put("expires_time", m.expiresTime());
        }
        o.set("body", m.body());
        if (!m.attachments().isEmpty()) {
            ArrayNode arr = o.putArray("attachments");
            m.attachments().forEach(a -> arr.add(attachmentJson(a)));
        }
        m.extraHeaders().forEach(o::set);
        return o;
    }

    private static ObjectNode attachmentJson(Attachment a) {
        ObjectNode o = Json.object();
        putIfSet(o, "id", a.id());
        putIfSet(o, "description", a.description());
        putIfSet(o, "filename", a.filename());
        putIfSet(o, "media_type", a.mediaType());
        putIfSet(o, "format", a.format());
        if (a.lastmodTime() != null) {
            o.put("lastmod_time", a.lastmodTime());
        }
        if (a.byteCount() != null) {
            o.put("byte_count", a.byteCount());
        }
        ObjectNode d = o.putObject("data");
        AttachmentData data = a.data();
        if (data.jws() != null) {
            d.set("jws", data.jws());
        }
        putIfSet(d, "hash", data.hash());
        if (!data.links().isEmpty()) {
            ArrayNode links = d.putArray("links");
            data.links().forEach(links::add);
        }
        putIfSet(d, "base64", data.base64());
        if (data.json() != null) {
            d.set("json", data.json());
        }
        return o;
    }

    private static List<String> stringList(@Nullable JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue()); // tolerated: a single DID instead of an array
        }
        if (!node.isArray()) {
            throw DidcommException.invalid(WHAT + ": '" + field + "' is not an array of strings");
        }
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode e : node) {
            if (!e.isTextual()) {
                throw DidcommException.invalid(WHAT + ": '" + field + "' is not an array of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static List<Attachment> attachments(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw DidcommException.invalid(WHAT + ": 'attachments' is not an array");
        }
        List<Attachment> out = new ArrayList<>(node.size());
        for (JsonNode e : node) {
            if (!e.isObject()) {
                throw DidcommException.invalid(WHAT + ": attachment is not an object");
            }
            out.add(attachment((ObjectNode) e));
        }
        return out;
    }

    private static Attachment attachment(ObjectNode a) {
        String what = "attachment";
        ObjectNode d = Json.obj(a, "data", what);
        JsonNode json = d.get("json");
        JsonNode jws = d.get("jws");
        if (jws != null && !jws.isNull() && !jws.isObject()) {
            throw DidcommException.invalid(what + ": 'data.jws' is not an object");
        }
        List<String> links = stringList(d.get("links"), "data.links");
        String base64 = Json.optText(d, "base64", what);
        boolean hasJson = json != null && !json.isNull();
        if (!hasJson && base64 == null && links.isEmpty()) {
            throw DidcommException.invalid(what + ": 'data' has none of json, base64, links");
        }
        var data = new AttachmentData(
                hasJson ? json : null,
                base64,
                links,
                Json.optText(d, "hash", what),
                jws == null || jws.isNull() ? null : jws);
        return new Attachment(
                Json.optText(a, "id", what),
                Json.optText(a, "description", what),
                Json.optText(a, "filename", what),
                Json.optText(a, "media_type", what),
                Json.optText(a, "format", what),
                Json.optLong(a, "lastmod_time", what),
                Json.optLong(a, "byte_count", what),
                data);
    }

    private static void putIfSet(ObjectNode o, String name, @Nullable String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
