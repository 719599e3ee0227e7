package dev.switchboard.didcomm.v2;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a DIDComm v2 message's {@code attachments} array.
 *
 * <p>Source: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#attachments">DIDComm Messaging
 * 2.1, Attachments</a>; JSON names are {@code id, description, filename, media_type, format, lastmod_time,
 * byte_count, data}.
 *
 * @param id attachment id, unique within the message (the spec recommends it; null when absent)
 * @param description human-readable description, or null
 * @param filename a hint for a file name, or null
 * @param mediaType IANA media type of the content, or null
 * @param format further format hint (e.g. an Aries attachment format), or null
 * @param lastmodTime last modification, epoch seconds, or null
 * @param byteCount content size in bytes, or null
 * @param data the content
 */
public record Attachment(
        @Nullable String id,
        @Nullable String description,
        @Nullable String filename,
        @Nullable String mediaType,
        @Nullable String format,
        @Nullable Long lastmodTime,
        @Nullable Long byteCount,
        AttachmentData data) {

    public Attachment {
        java.util.Objects.requireNonNull(data, "data");
    }

    /** An attachment with only an id and data. */
    public static Attachment of(@Nullable String id, AttachmentData data) {
        return new Attachment(id, null, null, null, null, null, null, data);
    }
}
