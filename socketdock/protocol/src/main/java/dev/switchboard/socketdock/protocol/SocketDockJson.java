package dev.switchboard.socketdock.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads and writes SocketDock's JSON. Thread-safe; one shared instance is enough.
 *
 * <p>Reading ignores unknown fields and accepts the original SocketDock shapes (no extension
 * fields). Writing leaves out absent (null) extension fields.
 */
public final class SocketDockJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SocketDockJson() {}

    /** Serialises any of this package's records to UTF-8 JSON. */
    public static byte[] write(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    /** Parses a connect body. @throws MalformedEventException when it is not a connect event */
    public static ConnectEvent readConnect(byte[] json) {
        return read(json, ConnectEvent.class);
    }

    /** Parses a message body. @throws MalformedEventException when it is not a message event */
    public static MessageEvent readMessage(byte[] json) {
        return read(json, MessageEvent.class);
    }

    /** Parses a disconnect body. @throws MalformedEventException when it is not a disconnect event */
    public static DisconnectEvent readDisconnect(byte[] json) {
        return read(json, DisconnectEvent.class);
    }

    /** Parses a heartbeat body. @throws MalformedEventException when it is not a heartbeat */
    public static Heartbeat readHeartbeat(byte[] json) {
        return read(json, Heartbeat.class);
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new MalformedEventException(type.getSimpleName() + ": body is JSON null", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
