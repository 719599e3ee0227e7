package dev.switchboard.mediator.protocol.trustping.v1;

import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Trust ping 1.0: answers {@code ping} with {@code ping_response} unless {@code response_requested} is false;
 * ignores {@code ping_response}.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/trust_ping/1.0", roles = "receiver")
public class TrustPingV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/trust_ping/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/trust_ping/1.0");

    @Handles("https://didcomm.org/trust_ping/1.0/ping")
    Handled ping(InboundMessage message) {
        return message.body().path("response_requested").asBoolean(true)
                ? Handled.reply(Messages.reply(message, PIURI.message("ping_response")))
                : Handled.NOTHING;
    }

    @Handles("https://didcomm.org/trust_ping/1.0/ping_response")
    Handled pingResponse(InboundMessage message) {
        return Handled.NOTHING;
    }
}
