package dev.switchboard.mediator.protocol.pushnotifications.apns.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.protocol.pushnotifications.DeviceInfoExchange;
import dev.switchboard.mediator.push.PushProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Push notifications apns 1.0 (<a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0699-push-notifications-apns">Aries RFC
 * 0699</a>), notification-sender role: {@code https://didcomm.org/push-notifications-apns/1.0/set-device-info}
 * {@code {"device_token"}} (null: remove) -> {@code ack}; {@code
 * https://didcomm.org/push-notifications-apns/1.0/get-device-info} -> {@code device-info} {@code
 * {"device_token"}} ("Messages"). Only a connection with a granted mediation may register.
 */
@ApplicationScoped
public class PushNotificationsApnsV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/push-notifications-apns/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/push-notifications-apns/1.0");

    private final DeviceInfoExchange exchange;

    /** Constructor injection. */
    public PushNotificationsApnsV1Handler(DeviceInfoExchange exchange) {
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
        return exchange.handle(message, PIURI, PushProvider.APNS, false);
    }
}
