package dev.switchboard.mediator.protocol.trustping.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Trust ping 2.0 (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#trust-ping-protocol-20">DIDComm
 * 2.1, Trust Ping Protocol 2.0</a>): {@code ping {"response_requested": true}} (the default) -> {@code
 * ping-response} threaded to the ping; {@code ping-response} is received silently.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/trust-ping/2.0", roles = "receiver", generations = DidcommVersion.V2)
public class TrustPingV2Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/trust-ping/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/trust-ping/2.0");

    @Handles("https://didcomm.org/trust-ping/2.0/ping")
    Handled ping(InboundMessage message) {
        JsonNode requested = message.content().get("response_requested");
        boolean respond = requested == null || !requested.isBoolean() || requested.asBoolean();
        return respond ? Handled.reply(Messages.replyInKind(message, PIURI.message("ping-response"))) : Handled.NOTHING;
    }

    @Handles("https://didcomm.org/trust-ping/2.0/ping-response")
    Handled pingResponse(InboundMessage message) {
        return Handled.NOTHING;
    }
}
