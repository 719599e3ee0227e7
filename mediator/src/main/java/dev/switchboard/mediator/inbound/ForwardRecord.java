package dev.switchboard.mediator.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One accepted forward as it is kept in the inbound log: what the consumer needs to store it, and nothing it
 * would have to decrypt again. The forwarded message itself stays encrypted to the wallet.
 *
 * <p>Encoding (version 1, big-endian, {@link DataOutputStream}): byte {@code 1}; the mailbox owner, the
 * message id and the routing key as modified UTF-8 strings; the expiry in epoch milliseconds or {@code -1};
 * then the message bytes to the end.
 *
 * @param conn the wallet's mailbox (its connection key), as the mediation store resolved the forward's
 *     recipient
 * @param messageId the mailbox id, {@link dev.switchboard.mediator.delivery.DeliveryService#messageId} of the
 *     message: enqueue is idempotent by it, so an entry processed twice is stored once
 * @param recipientKey the recipient key the forward named (routing 1.0 {@code to} as a base58 verkey, routing
 *     2.0 {@code next}): the log's partition key
 * @param message the forwarded message (an encrypted envelope), at least 1 byte
 * @param expiresAt when to drop it unread (routing 2.0 {@code expires_time}), or null for the mailbox default
 */
public record ForwardRecord(
        String conn,
        String messageId,
        String recipientKey,
        byte[] message,
        @Nullable Instant expiresAt) {

    private static final byte VERSION = 1;

    /** Checks the arguments. */
    public ForwardRecord {
        Objects.requireNonNull(conn, "conn");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(recipientKey, "recipientKey");
        if (message.length == 0) {
            throw new IllegalArgumentException("message: 0 bytes (expected: at least 1)");
        }
    }

    /** The log entry's payload. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(conn);
            out.writeUTF(messageId);
            out.writeUTF(recipientKey);
            out.writeLong(expiresAt == null ? -1 : expiresAt.toEpochMilli());
            out.write(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory stream
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a payload written by {@link #encode}.
     *
     * @throws IllegalArgumentException when it is not one (another version, truncated, no message)
     */
    public static ForwardRecord decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "forward record version: %s (expected: %s)".formatted(version, VERSION));
            }
            String conn = in.readUTF();
            String messageId = in.readUTF();
            String recipientKey = in.readUTF();
            long expires = in.readLong();
            byte[] message = in.readAllBytes();
            return new ForwardRecord(
                    conn, messageId, recipientKey, message, expires < 0 ? null : Instant.ofEpochMilli(expires));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a forward record: " + e, e);
        }
    }
}
