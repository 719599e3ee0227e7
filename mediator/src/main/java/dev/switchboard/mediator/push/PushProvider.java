package dev.switchboard.mediator.push;

/** Where a notification goes; {@link #label()} is the {@code provider} tag of {@code switchboard_push_total}. */
public enum PushProvider {
    /** Firebase Cloud Messaging HTTP v1, registered with push-notifications-fcm 1.0 (Aries RFC 0734). */
    FCM("fcm"),
    /** Apple Push Notification service, registered with push-notifications-apns 1.0 (Aries RFC 0699). */
    APNS("apns"),
    /** The operator's webhook, told about every notification of a registered wallet. */
    WEBHOOK("webhook");

    private final String label;

    PushProvider(String label) {
        this.label = label;
    }

    /** Lower-case name, used in metrics and Redis. */
    public String label() {
        return label;
    }
}
