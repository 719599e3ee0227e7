package dev.switchboard.mediator.protocol.pushnotifications.apns.v1;

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
 * Push notifications apns 1.0 (<a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0699-push-notifications-apns">Aries RFC
 * 0699</a>), notification-sender role: {@code https://didcomm.org/push-notifications-apns/1.0/set-device-info}
 * {@code {"device_token"}} (null: remove) -> {@code ack}; {@code
 * https://didcomm.org/push-notifications-apns/1.0/get-device-info} -> {@code device-info} {@code
 * {"device_token"}} ("Messages"). Only a connection with a granted mediation may register.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/push-notifications-apns/1.0", roles = "notification-sender")
public class PushNotificationsApnsV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/push-notifications-apns/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/push-notifications-apns/1.0");

    private final DeviceInfoExchange exchange;

    /** Constructor injection. */
    public PushNotificationsApnsV1Handler(DeviceInfoExchange exchange) {
        this.exchange = exchange;
    }

    @Handles("https://didcomm.org/push-notifications-apns/1.0/set-device-info")
    Handled setDeviceInfo(InboundMessage message) {
        return exchange.set(message, PIURI, PushProvider.APNS, false);
    }

    @Handles("https://didcomm.org/push-notifications-apns/1.0/get-device-info")
    Handled getDeviceInfo(InboundMessage message) {
        return exchange.get(message, PIURI, PushProvider.APNS, false);
    }
}
