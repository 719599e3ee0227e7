package dev.switchboard.didcomm.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A DIDComm v2 plaintext message, immutable.
 *
 * <p>Source: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#message-headers">DIDComm
 * Messaging 2.1, Message Headers</a> and
 * <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#didcomm-plaintext-messages">Plaintext
 * Messages</a>. JSON names: {@code id, typ, type, from, to, thid, pthid, created_time, expires_time, body,
 * attachments}; any other top-level member (e.g. {@code from_prior}, {@code return_route}, {@code
 * please_ack}) is kept in {@link #extraHeaders()}. Parse with {@link #parse(String)}, write with {@link
 * #toJson()}.
 *
 * @param id message id, unique per sender
 * @param type the message type URI, e.g. {@code https://didcomm.org/routing/2.0/forward}
 * @param typ the media type header ({@code application/didcomm-plain+json}), or null when absent
 * @param from the sender DID (no fragment), or null for anonymous messages
 * @param to recipient DIDs, possibly empty
 * @param thid thread id, or null
 * @param pthid parent thread id, or null
 * @param createdTime creation time, epoch seconds, or null
 * @param expiresTime expiry, epoch seconds, or null
 * @param body the protocol-specific body (a JSON object; deep-copied in and out)
 * @param attachments attachments in order, possibly empty
 * @param extraHeaders any other top-level members, in input order (values deep-copied in and out)
 */
public record Message(
        String id,
        String type,
        @Nullable String typ,
        @Nullable String from,
        List<String> to,
        @Nullable String thid,
        @Nullable String pthid,
        @Nullable Long createdTime,
        @Nullable Long expiresTime,
        ObjectNode body,
        List<Attachment> attachments,
        Map<String, JsonNode> extraHeaders) {

    /** {@code typ} of a plaintext message. */
    public static final String MEDIA_TYPE_PLAIN = "application/didcomm-plain+json";

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        to = List.copyOf(to);
        attachments = List.copyOf(attachments);
        body = body.deepCopy();
        var extras = new LinkedHashMap<String, JsonNode>();
        extraHeaders.forEach((k, v) -> extras.put(k, v.deepCopy()));
        extraHeaders = java.util.Collections.unmodifiableMap(extras);
    }

    @Override
    public ObjectNode body() {
        return body.deepCopy();
    }

    @Override
    public Map<String, JsonNode> extraHeaders() {
        var copy = new LinkedHashMap<String, JsonNode>();
        extraHeaders.forEach((k, v) -> copy.put(k, v.deepCopy()));
        return copy;
    }

    /**
     * Parses a plaintext message, tolerating unknown members, a missing {@code typ}, a single string {@code
     * to} and a missing {@code body} (read as {@code {}}).
     *
     * @throws dev.switchboard.didcomm.DidcommException {@code e.p.msg.invalid} when it is not JSON, lacks
     *     {@code id}/{@code type}, or a known member has the wrong JSON type
     */
    public static Message parse(String json) {
        return PlaintextCodec.fromJson(Json.parseObject(json, "plaintext message"));
    }

    /** The message as compact JSON, members in the spec's order, extra headers last. */
    public String toJson() {
        return Json.write(PlaintextCodec.toJsonNode(this));
    }

    /** A builder; {@code typ} defaults to {@link #MEDIA_TYPE_PLAIN}. */
    public static Builder builder(String id, String type, ObjectNode body) {
        return new Builder(id, type, body);
    }

    /** A builder starting from this message's values. */
    public Builder toBuilder() {
        Builder b = new Builder(id, type, body);
        b.typ = typ;
        b.from = from;
        b.to = new ArrayList<>(to);
        b.thid = thid;
        b.pthid = pthid;
        b.createdTime = createdTime;
        b.expiresTime = expiresTime;
        b.attachments = new ArrayList<>(attachments);
        b.extraHeaders = new LinkedHashMap<>(extraHeaders);
        return b;
    }

    /** Mutable builder for {@link Message}. */
    public static final class Builder {
        private final String id;
        private final String type;
        private final ObjectNode body;
        private @Nullable String typ = MEDIA_TYPE_PLAIN;
        private @Nullable String from;
        private List<String> to = new ArrayList<>();
        private @Nullable String thid;
        private @Nullable String pthid;
        private @Nullable Long createdTime;
        private @Nullable Long expiresTime;
        private List<Attachment> attachments = new ArrayList<>();
        private Map<String, JsonNode> extraHeaders = new LinkedHashMap<>();

        private Builder(String id, String type, ObjectNode body) {
            this.id = Objects.requireNonNull(id, "id");
            this.type = Objects.requireNonNull(type, "type");
            this.body = Objects.requireNonNull(body, "body");
        }

        public Builder typ(@Nullable String typ) {
            this.typ = typ;
            return this;
        }

        public Builder from(@Nullable String from) {
            this.from = from;
            return this;
        }

        public Builder to(List<String> to) {
            this.to = new ArrayList<>(to);
            return this;
        }

        public Builder thid(@Nullable String thid) {
            this.thid = thid;
            return this;
        }

        public Builder pthid(@Nullable String pthid) {
            this.pthid = pthid;
            return this;
        }

        /** @param createdTime epoch seconds */
        public Builder createdTime(@Nullable Long createdTime) {
            this.createdTime = createdTime;
            return this;
        }

        /** @param expiresTime epoch seconds */
        public Builder expiresTime(@Nullable Long expiresTime) {
            this.expiresTime = expiresTime;
            return this;
        }

        public Builder attachments(List<Attachment> attachments) {
            this.attachments = new ArrayList<>(attachments);
            return this;
        }

        /** Adds a top-level member not modelled here; must not be one of the modelled names. */
        public Builder header(String name, JsonNode value) {
            if (PlaintextCodec.KNOWN.contains(name)) {
                throw new IllegalArgumentException(
                        "header: " + name + " (expected: a name other than " + PlaintextCodec.KNOWN + ")");
            }
            this.extraHeaders.put(name, value);
            return this;
        }

        public Message build() {
            return new Message(
                    id, type, typ, from, to, thid, pthid, createdTime, expiresTime, body, attachments, extraHeaders);
        }
    }
}
