package dev.switchboard.queue.config;

/**
 * The inbound log on Redis Streams.
 *
 * @param stream the stream's name (the key prefix is added; hash-tagged so it lives in one slot)
 * @param group the consumer group of mediator instances, non-blank
 * @param maxLength approximate cap on retained entries (older acknowledged entries are trimmed),
 *     {@code > 0}; size it so entries are never trimmed before processing
 */
public record StreamLogSettings(String stream, String group, long maxLength) {

    /** Checks the arguments. */
    public StreamLogSettings {
        Checks.notBlank("stream", stream);
        Checks.notBlank("group", group);
        Checks.positive("maxLength", maxLength);
    }

    /** Stream {@code inbound}, group {@code mediators}, 1,000,000 entries. */
    public static StreamLogSettings defaults() {
        return new StreamLogSettings("inbound", "mediators", 1_000_000);
    }
}
