package dev.switchboard.queue.mailbox;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Status figures of one mailbox; everything except {@link #inFlightCount} counts pending messages
 * only (pickup 2.0 {@code status}: {@code message_count}, {@code total_bytes}, {@code
 * oldest_received_time}, {@code newest_received_time}, {@code longest_waited_seconds}).
 *
 * @param pendingCount messages waiting for delivery
 * @param pendingBytes their total size in bytes
 * @param oldestReceived receipt time of the oldest pending message, {@code null} when none
 * @param newestReceived receipt time of the newest pending message, {@code null} when none
 * @param longestWait now minus {@code oldestReceived}, {@link Duration#ZERO} when none
 * @param inFlightCount messages handed out and neither acknowledged nor returned to pending
 */
public record MailboxStatus(
        long pendingCount,
        long pendingBytes,
        @Nullable Instant oldestReceived,
        @Nullable Instant newestReceived,
        Duration longestWait,
        long inFlightCount) {}
