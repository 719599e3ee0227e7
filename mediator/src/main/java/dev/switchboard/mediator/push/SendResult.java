package dev.switchboard.mediator.push;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The answer of a provider to one request, as the retry policy needs it. */
public sealed interface SendResult {

    /** The provider accepted the notification. */
    record Sent() implements SendResult {}

    /**
     * A temporary refusal (HTTP 429 or 5xx, a timeout, a refused connection): try again.
     *
     * @param retryAfter the provider's {@code Retry-After}, or null when it gave none
     * @param reason for the log
     */
    record Retry(@Nullable Duration retryAfter, String reason) implements SendResult {}

    /** The token is no longer valid (FCM {@code UNREGISTERED} or 404, APNs 410): remove the registration. */
    record Unregistered(String reason) implements SendResult {}

    /** A permanent refusal (other 4xx, no credentials for the registration): not retried. */
    record Rejected(String reason) implements SendResult {}
}
