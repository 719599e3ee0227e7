package dev.switchboard.mediator.message;

import java.util.Objects;
import java.util.Optional;

/**
 * A DIDComm v1 message type URI: a {@link Piuri} plus the message name, e.g. {@code
 * https://didcomm.org/messagepickup/2.0/status-request}.
 *
 * <p>Source: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/concepts/0020-message-types">Aries RFC
 * 0020, Message Types</a>. Parsing accepts both the {@code https://didcomm.org/} and the legacy {@code
 * did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/} prefixes; {@link #toString()} always emits the https form.
 *
 * @param piuri the protocol and version
 * @param name the message name, e.g. {@code forward}
 */
public record MessageType(Piuri piuri, String name) {
    public MessageType {
        Objects.requireNonNull(piuri, "piuri");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: a non-empty name without '/')");
        }
    }

    /**
     * Parses {@code <doc-uri><protocol>/<major>.<minor>/<name>}.
     *
     * @return the type, or empty when the string is not a message type URI
     */
    public static Optional<MessageType> parse(String type) {
        int slash = type.lastIndexOf('/');
        if (slash <= 0 || slash == type.length() - 1) {
            return Optional.empty();
        }
        return Piuri.parse(type.substring(0, slash)).map(p -> new MessageType(p, type.substring(slash + 1)));
    }

    /** Like {@link #parse} for constants in code: throws {@link IllegalArgumentException} when malformed. */
    public static MessageType of(String type) {
        return parse(type)
                .orElseThrow(() -> new IllegalArgumentException("type: " + type + " (expected: doc/name/1.0/msg)"));
    }

    /** True when {@code other} is the same message of the same protocol and MAJOR version. */
    public boolean matches(MessageType other) {
        return name.equals(other.name) && piuri.sameMajor(other.piuri);
    }

    /** The https URI form. */
    @Override
    public String toString() {
        return piuri.uri() + "/" + name;
    }
}
