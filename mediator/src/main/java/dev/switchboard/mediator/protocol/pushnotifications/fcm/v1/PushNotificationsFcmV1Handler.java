package dev.switchboard.mediator.protocol.pushnotifications.fcm.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.protocol.pushnotifications.DeviceInfoExchange;
import dev.switchboard.mediator.push.PushProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Push notifications fcm 1.0 (<a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0734-push-notifications-fcm">Aries RFC
 * 0734</a>), notification-sender role: {@code https://didcomm.org/push-notifications-fcm/1.0/set-device-info}
 * {@code {"device_token","device_platform"}} (both null: remove) -> {@code ack}; {@code
 * https://didcomm.org/push-notifications-fcm/1.0/get-device-info} -> {@code device-info} {@code
 * {"device_token","device_platform"}} ("Messages"). Only a connection with a granted mediation may register.
 */
@ApplicationScoped
public class PushNotificationsFcmV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/push-notifications-fcm/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/push-notifications-fcm/1.0");

    private final DeviceInfoExchange exchange;

    /** Constructor injection. */
    public PushNotificationsFcmV1Handler(DeviceInfoExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public List<Piuri> protocols() {
        return List.of(PIURI);
    }

    @Override
    public List<String> roles() {
        return List.of("notification-sender");
    }

    @Override
    public List<ObjectNode> handle(InboundMessage message) {
        return exchange.handle(message, PIURI, PushProvider.FCM, true);
    }
}
