package dev.switchboard.mediator.push;

/**
 * What a notification says: that messages wait, never what they are. The payload is data-only (no alert), so
 * the app decides what to show after it fetched the messages.
 *
 * @param conn the wallet's connection key (only the webhook is told it: it is the operator's)
 * @param messageCount messages waiting when the notification went out
 */
public record Notification(String conn, long messageCount) {
    /**
     * The collapse key of every notification: a device shows (or keeps, while offline) only the newest one
     * (FCM {@code android.collapse_key}, APNs {@code apns-collapse-id}).
     */
    public static final String COLLAPSE_KEY = "didcomm-messages-waiting";

    /**
     * The notification's {@code @type}: RFC 0734 and RFC 0699, "Sending Push Notifications" (the protocol's
     * URI without version), e.g. {@code https://didcomm.org/push-notifications-fcm}.
     *
     * @throws IllegalArgumentException for the webhook, which is no DIDComm protocol
     */
    public static String type(PushProvider provider) {
        return switch (provider) {
            case FCM -> "https://didcomm.org/push-notifications-fcm";
            case APNS -> "https://didcomm.org/push-notifications-apns";
            case WEBHOOK -> throw new IllegalArgumentException("provider: webhook (expected: fcm or apns)");
        };
    }
}
