package dev.switchboard.didcomm.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.did.Verkeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * routing/1.0 {@code forward}: {@code {"@type":".../routing/1.0/forward","@id","to":"<key>","msg":{packed}}}.
 *
 * <p>Source: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/concepts/0094-cross-domain-messaging">Aries
 * RFC 0094</a>, <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0211-route-coordination">RFC
 * 0211</a>. Both type prefixes ({@code https://didcomm.org/} and {@code did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/}) are
 * read; {@code to} may be a raw base58 verkey or a did:key (normalised); {@code msg} may be a JSON object or a
 * JSON string holding one.
 *
 * @param id the forward's {@code @id}
 * @param to the next recipient's base58 verkey (normalised)
 * @param toAsReceived {@code to} exactly as written
 * @param msg the packed message to deliver, as compact JSON
 */
public record Forward(String id, String to, String toAsReceived, String msg) {
    /** The {@code @type} emitted. */
    public static final String TYPE = "https://didcomm.org/routing/1.0/forward";

    private static final String LEGACY_TYPE = "did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/routing/1.0/forward";

    public Forward {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(toAsReceived, "toAsReceived");
        Objects.requireNonNull(msg, "msg");
    }

    /** True when {@code type} is the routing/1.0 forward type under either prefix (minor version ignored). */
    public static boolean isForward(String type) {
        return type != null
                && (type.equals(TYPE)
                        || type.equals(LEGACY_TYPE)
                        || type.matches(
                                "(https://didcomm\\.org/|did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/)routing/1\\.\\d+/forward"));
    }

    /**
     * Reads a forward from an unpacked plaintext.
     *
     * @throws DidcommException {@code e.p.msg.invalid} when it is not a forward or {@code to}/{@code msg} are
     *     malformed
     */
    public static Forward parse(byte[] plaintext) {
        JsonNode root = ParsedEnvelope.readObject(plaintext, "forward");
        JsonNode type = root.get("@type");
        if (type == null || !type.isTextual() || !isForward(type.asText())) {
            throw DidcommException.invalid("forward: not a routing/1.0 forward");
        }
        String to = ParsedEnvelope.text(root, "to", "forward");
        JsonNode msg = root.get("msg");
        if (msg != null && msg.isTextual()) {
            msg = ParsedEnvelope.readObject(msg.asText().getBytes(StandardCharsets.UTF_8), "forward.msg");
        }
        if (msg == null || !msg.isObject()) {
            throw DidcommException.invalid("forward.msg: missing or not a JSON object");
        }
        JsonNode id = root.get("@id");
        return new Forward(id != null && id.isTextual() ? id.asText() : "", Verkeys.normalize(to), to, msg.toString());
    }

    /**
     * Wraps a packed message in a forward to {@code to} and packs it Anoncrypt for each routing key, innermost
     * first (the way a sender reaches a wallet behind a mediator).
     *
     * @param envelope the packer
     * @param packed the packed message for the final recipient
     * @param to the final recipient's verkey (base58 or did:key)
     * @param routingKeys the mediators' routing keys, innermost first; empty returns {@code packed}
     * @return the outermost packed envelope
     */
    public static String wrap(EncryptionEnvelope envelope, String packed, String to, List<String> routingKeys) {
        String current = packed;
        String next = Verkeys.normalize(to);
        for (String routingKey : routingKeys) {
            ObjectNode fwd = ParsedEnvelope.JSON.createObjectNode();
            fwd.put("@type", TYPE);
            fwd.put("@id", UUID.randomUUID().toString());
            fwd.put("to", next);
            fwd.set("msg", ParsedEnvelope.readObject(current.getBytes(StandardCharsets.UTF_8), "packed"));
            try {
                current = envelope.packAnoncrypt(ParsedEnvelope.JSON.writeValueAsBytes(fwd), List.of(routingKey));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            next = Verkeys.normalize(routingKey);
        }
        return current;
    }
}
