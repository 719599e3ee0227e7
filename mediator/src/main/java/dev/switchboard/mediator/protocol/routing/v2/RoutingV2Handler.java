package dev.switchboard.mediator.protocol.routing.v2;

import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.v2.Forward;
import dev.switchboard.didcomm.v2.Message;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.routing.Forwards;
import dev.switchboard.mediator.quota.Quotas;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Routing 2.0 {@code forward} (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#routing-protocol-20">DIDComm
 * 2.1, Routing Protocol 2.0</a>): {@code body.next} (a recipient DID or key registered with coordinate
 * mediation 1.0/2.0/3.0) and the first attachment ({@code data.json}, or {@code data.base64} of JSON). The
 * attached message is stored in the mailbox of the wallet that registered {@code next}, with the forward's
 * {@code expires_time} as its expiry, and only then does the handler return (the sender gets 202); a live
 * route then gets it at once. {@code please_ack} is ignored. An expired forward is refused with {@code
 * e.p.msg.expired}; an unknown {@code next} or a malformed forward with {@code e.p.msg.forward-refused}.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/routing/2.0", roles = "mediator", generations = DidcommVersion.V2)
public class RoutingV2Handler implements ProtocolHandler {
    private final MediationStore mediations;
    private final Forwards forwards;
    private final Quotas quotas;

    /** Constructor injection. */
    public RoutingV2Handler(MediationStore mediations, Forwards forwards, Quotas quotas) {
        this.quotas = quotas;
        this.mediations = mediations;
        this.forwards = forwards;
    }

    @Handles("https://didcomm.org/routing/2.0/forward")
    Handled forward(InboundMessage message) {
        Forward.ForwardRequest forward;
        try {
            forward = Forward.parse(Message.parse(message.body().toString())).orElseThrow();
        } catch (DidcommException e) {
            throw forwards.refused("forward refused: " + e.getMessage());
        }
        Long expires = forward.forward().expiresTime();
        Instant expiresAt = expires == null ? null : Instant.ofEpochSecond(expires);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw forwards.refused(
                    "expired", new MediatorProblem(ProblemCode.MSG_EXPIRED, "forward expired at " + expiresAt));
        }
        Optional<String> conn = mediations.route(forward.next());
        if (conn.isEmpty()) {
            throw forwards.refused("forward refused");
        }
        quotas.admitForward(message, conn.get()); // messages per sender per recipient
        return forwards.store(conn.get(), forward.forwardedMessage().getBytes(StandardCharsets.UTF_8), expiresAt);
    }
}
