package dev.switchboard.mediator.push;

/** One push provider's client. Blocking (one request, bounded by the configured timeout): call on a virtual thread. */
public interface Notifier {

    /** The provider this client speaks to. */
    PushProvider provider();

    /** True when it is configured (credentials or URL present). */
    boolean enabled();

    /**
     * Sends one notification to one device (the webhook: about one wallet, with all its devices).
     *
     * @return the provider's answer; exceptions are not thrown for provider or network failures
     */
    SendResult send(Notification notification, DeviceRegistration device);
}
