package dev.switchboard.loadtest.sender;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.v1.EncryptionEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds routing/1.0 {@code forward} messages as another agent sends them to a wallet through its mediator (<a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/concepts/0094-cross-domain-messaging">Aries RFC
 * 0094</a>): the {@link InnerMessage} anoncrypted to the wallet's recipient key, wrapped in {@code
 * {"@type":".../routing/1.0/forward","to":<recipient verkey>,"msg":<inner envelope>}} and that anoncrypted to the
 * mediator's routing key. Two RFC 0019 Anoncrypt packs per message (two X25519 ephemeral key agreements each).
 * Thread-safe.
 */
public final class ForwardFactory {
    /** The forward type URI. */
    public static final String FORWARD = "https://didcomm.org/routing/1.0/forward";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EncryptionEnvelope envelope = new EncryptionEnvelope(kid -> Optional.empty());
    private final String runPrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final String content;

    /**
     * @param runPrefix prefix of every message id (distinct per JVM so ids never collide)
     * @param contentBytes size of the basicmessage content, in characters (>= 0)
     */
    public ForwardFactory(String runPrefix, int contentBytes) {
        if (contentBytes < 0) {
            throw new IllegalArgumentException("contentBytes: %s (expected: >= 0)".formatted(contentBytes));
        }
        this.runPrefix = runPrefix;
        this.content = "x".repeat(contentBytes);
    }

    /**
     * A packed forward.
     *
     * @param id the id of the inner message and the send timestamp (taken now)
     * @param body the packed outer envelope, UTF-8 JSON, to POST with {@code application/didcomm-envelope-enc}
     */
    public record Packed(InnerMessage id, byte[] body) {}

    /**
     * Packs a forward for {@code recipientVerkey} through {@code routingKey}, stamped with the current time.
     *
     * @param recipientVerkey the wallet's registered recipient key (base58)
     * @param routingKey the mediator's routing key (base58 or did:key)
     */
    public Packed forward(String recipientVerkey, String routingKey) {
        InnerMessage inner = new InnerMessage(runPrefix + "-" + sequence.incrementAndGet(), InnerMessage.nowMicros());
        String innerEnvelope = envelope.packAnoncrypt(inner.toJson(content), List.of(recipientVerkey));
        ObjectNode forward = JSON.createObjectNode();
        forward.put("@type", FORWARD);
        forward.put("@id", UUID.randomUUID().toString());
        forward.put("to", recipientVerkey);
        try {
            forward.set("msg", JSON.readTree(innerEnvelope));
            String outer = envelope.packAnoncrypt(JSON.writeValueAsBytes(forward), List.of(routingKey));
            return new Packed(inner, outer.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
