package dev.switchboard.queue.redis;

import dev.switchboard.queue.config.MailboxSettings;
import dev.switchboard.queue.mailbox.DeadLetter;
import dev.switchboard.queue.mailbox.Delivery;
import dev.switchboard.queue.mailbox.DeliveryRequest;
import dev.switchboard.queue.mailbox.EnqueueResult;
import dev.switchboard.queue.mailbox.MailboxStatus;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.metrics.QueueMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** {@link Mailboxes} on Redis (work in progress). */
final class RedisMailboxes implements Mailboxes {

    RedisMailboxes(
            RedisConnection connection, Keys keys, MailboxSettings settings, QueueMetrics metrics, Clock clock) {}

    @Override
    public CompletionStage<EnqueueResult> enqueue(
            String recipient, String messageId, byte[] message, Instant receivedAt, @Nullable Instant expiresAt) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<List<Delivery>> reserve(String recipient, DeliveryRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<Integer> acknowledge(String recipient, Collection<String> messageIds) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<Integer> release(String recipient, String owner) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<MailboxStatus> status(String recipient) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<List<DeadLetter>> deadLetters(String recipient, int limit) {
        throw new UnsupportedOperationException("not yet");
    }
}
