package dev.switchboard.didcomm.v2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of a DIDComm v2 attachment: inline JSON, inline base64url bytes, or links plus a hash; a
 * detached or embedded {@code jws} may sign it.
 *
 * <p>Source: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#attachments">DIDComm Messaging
 * 2.1, Attachments</a>. JSON values are deep-copied in and out: instances are immutable.
 *
 * @param json inline JSON content, or null
 * @param base64 inline content as base64url (padding tolerated), or null
 * @param links URLs where the content can be fetched, possibly empty
 * @param hash multihash of the content (required with {@code links} by the spec, tolerated absent), or null
 * @param jws a JWS over the content (general or flattened JSON), or null
 */
public record AttachmentData(
        @Nullable JsonNode json,
        @Nullable String base64,
        List<String> links,
        @Nullable String hash,
        @Nullable JsonNode jws) {

    public AttachmentData {
        json = json == null ? null : json.deepCopy();
        jws = jws == null ? null : jws.deepCopy();
        links = List.copyOf(links);
    }

    /** Inline JSON data, e.g. a JWE carried by a routing/2.0 {@code forward}. */
    public static AttachmentData ofJson(JsonNode json) {
        return new AttachmentData(json, null, List.of(), null, null);
    }

    /** Inline base64url data. */
    public static AttachmentData ofBase64(String base64) {
        return new AttachmentData(null, base64, List.of(), null, null);
    }

    /** Linked data with its multihash. */
    public static AttachmentData ofLinks(List<String> links, String hash) {
        return new AttachmentData(null, null, links, hash, null);
    }

    @Override
    public @Nullable JsonNode json() {
        return json == null ? null : json.deepCopy();
    }

    @Override
    public @Nullable JsonNode jws() {
        return jws == null ? null : jws.deepCopy();
    }
}
