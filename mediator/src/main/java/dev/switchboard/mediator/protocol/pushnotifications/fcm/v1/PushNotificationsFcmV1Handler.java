package dev.switchboard.mediator.protocol.pushnotifications.fcm.v1;

import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.pushnotifications.DeviceInfoExchange;
import dev.switchboard.mediator.push.PushProvider;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Push notifications fcm 1.0 (<a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0734-push-notifications-fcm">Aries RFC
 * 0734</a>), notification-sender role: {@code https://didcomm.org/push-notifications-fcm/1.0/set-device-info}
 * {@code {"device_token","device_platform"}} (both null: remove) -> {@code ack}; {@code
 * https://didcomm.org/push-notifications-fcm/1.0/get-device-info} -> {@code device-info} {@code
 * {"device_token","device_platform"}} ("Messages"). Only a connection with a granted mediation may register.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/push-notifications-fcm/1.0", roles = "notification-sender")
public class PushNotificationsFcmV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/push-notifications-fcm/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/push-notifications-fcm/1.0");

    private final DeviceInfoExchange exchange;

    /** Constructor injection. */
    public PushNotificationsFcmV1Handler(DeviceInfoExchange exchange) {
        this.exchange = exchange;
    }

    @Handles("https://didcomm.org/push-notifications-fcm/1.0/set-device-info")
    Handled setDeviceInfo(InboundMessage message) {
        return exchange.set(message, PIURI, PushProvider.FCM, true);
    }

    @Handles("https://didcomm.org/push-notifications-fcm/1.0/get-device-info")
    Handled getDeviceInfo(InboundMessage message) {
        return exchange.get(message, PIURI, PushProvider.FCM, true);
    }
}
