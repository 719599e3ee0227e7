package dev.switchboard.socketdock.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Relay -&gt; backend, POSTed to the message URI for each frame a client sends:
 * {@code {"meta":{"connection_id","send","disconnect",...},"message":"<frame as string>"}}.
 *
 * <p>SocketDock decodes every frame as text. We keep binary frames intact: a binary frame that is
 * valid UTF-8 is sent as that string with {@code meta.frame = "binary"}; any other binary frame is
 * sent as standard base64 with {@code meta.encoding = "base64"}. Use {@link #of} to build one and
 * {@link #payload()} to get the frame's exact bytes back.
 *
 * @param meta the socket's identity and callbacks, plus {@code seq}/{@code frame}/{@code encoding}
 * @param message the frame's payload as a string (see above)
 */
public record MessageEvent(
        @JsonProperty("meta") Meta meta,
        @JsonProperty("message") String message) {

    /** Checks that both fields are present. */
    public MessageEvent {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Builds the event for one frame, choosing the representation described on the class.
     *
     * @param meta the socket's meta (its {@code seq}, {@code frame}, {@code encoding} are replaced)
     * @param seq the per-connection sequence number, from 1
     * @param frame the frame type the payload arrived in
     * @param payload the frame's bytes (UTF-8 for text frames)
     */
    public static MessageEvent of(Meta meta, long seq, Frame frame, byte[] payload) {
        if (frame == Frame.TEXT) {
            return new MessageEvent(meta.withMessage(seq, frame, null), new String(payload, StandardCharsets.UTF_8));
        }
        String utf8 = strictUtf8(payload);
        if (utf8 != null) {
            return new MessageEvent(meta.withMessage(seq, frame, null), utf8);
        }
        return new MessageEvent(
                meta.withMessage(seq, frame, Meta.BASE64), Base64.getEncoder().encodeToString(payload));
    }

    /**
     * The frame's exact bytes: base64-decoded when {@code meta.encoding} is {@code base64}, else the
     * UTF-8 bytes of {@link #message()}.
     *
     * @throws IllegalArgumentException when the encoding is base64 and the message is not base64
     */
    @JsonIgnore
    public byte[] payload() {
        if (Meta.BASE64.equals(meta.encoding())) {
            return Base64.getDecoder().decode(message);
        }
        return message.getBytes(StandardCharsets.UTF_8);
    }

    /** The frame type: {@code meta.frame} when present, else text (SocketDock's only kind). */
    @JsonIgnore
    public Frame frame() {
        Frame frame = meta.frame();
        return frame == null ? Frame.TEXT : frame;
    }

    private static @org.jspecify.annotations.Nullable String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
