package dev.switchboard.socketdock.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The WebSocket frame type a message arrived in or is to be sent as (RFC 6455 section 5.6): the
 * value of our extension field {@code meta.frame}.
 */
public enum Frame {
    /** A text frame (opcode 0x1): UTF-8 by definition. */
    TEXT("text"),
    /** A binary frame (opcode 0x2): arbitrary bytes. */
    BINARY("binary");

    private final String wireName;

    Frame(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire: {@code "text"} or {@code "binary"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @throws IllegalArgumentException when the name is neither {@code text} nor {@code binary}
     */
    @JsonCreator
    public static Frame fromWireName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "binary" -> BINARY;
            default -> throw new IllegalArgumentException("frame: " + name + " (expected: text or binary)");
        };
    }
}
