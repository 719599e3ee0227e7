package dev.switchboard.loadtest.sender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The plaintext a sender puts inside a forward: a basicmessage 1.0 ({@code
 * https://didcomm.org/basicmessage/1.0/message}, Aries RFC 0095) carrying the load test's message id in
 * {@code @id} and the send time both as {@code sent_time} (RFC 0095, ISO 8601) and as {@code
 * loadtest_sent_us} (epoch microseconds, what latency is computed from).
 *
 * @param id the message id (unique per run and JVM)
 * @param sentMicros the send time, epoch microseconds
 */
public record InnerMessage(String id, long sentMicros) {
    /** The basicmessage type URI. */
    public static final String TYPE = "https://didcomm.org/basicmessage/1.0/message";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENT_US = "loadtest_sent_us";

    /** The plaintext JSON bytes, with {@code padding} characters of content. */
    public byte[] toJson(String content) {
        ObjectNode m = JSON.createObjectNode();
        m.put("@type", TYPE);
        m.put("@id", id);
        m.put(
                "sent_time",
                Instant.ofEpochSecond(sentMicros / 1_000_000, (sentMicros % 1_000_000) * 1000)
                        .toString());
        m.put(SENT_US, sentMicros);
        m.put("content", content);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an inner message; empty when the plaintext is not one of ours. */
    public static Optional<InnerMessage> parse(byte[] plaintext) {
        try {
            JsonNode m = JSON.readTree(plaintext);
            JsonNode id = m.get("@id");
            JsonNode sent = m.get(SENT_US);
            if (id == null || !id.isTextual() || sent == null || !sent.canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new InnerMessage(id.asText(), sent.asLong()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Now, in epoch microseconds. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
