package dev.switchboard.mediator.protocol.routing.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.v2.Forward;
import dev.switchboard.didcomm.v2.Message;
import dev.switchboard.mediator.inbound.Forwards;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ProtocolHandler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Routing 2.0 {@code forward} (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#routing-protocol-20">DIDComm
 * 2.1, Routing Protocol 2.0</a>): {@code body.next} (a recipient DID or key registered with coordinate
 * mediation 1.0/2.0/3.0) and the first attachment ({@code data.json}, or {@code data.base64} of JSON). The
 * attached message is stored in the mailbox of the wallet that registered {@code next}, with the forward's
 * {@code expires_time} as its expiry (or appended to the inbound log, see {@link Forwards}), and only then does
 * the handler return (the sender gets 202); a live
 * route then gets it at once. {@code please_ack} is ignored. An expired forward is refused with {@code
 * e.p.msg.expired}; an unknown {@code next} or a malformed forward with {@link ProblemReports#FORWARD_REFUSED}.
 */
@ApplicationScoped
public class RoutingV2Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/routing/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/routing/2.0");

    private final MediationStore mediations;
    private final Forwards forwards;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public RoutingV2Handler(MediationStore mediations, Forwards forwards, MeterRegistry meters) {
        this.mediations = mediations;
        this.forwards = forwards;
        this.meters = meters;
    }

    @Override
    public List<Piuri> protocols() {
        return List.of(PIURI);
    }

    @Override
    public Set<DidcommVersion> generations() {
        return Set.of(DidcommVersion.V2);
    }

    @Override
    public List<String> roles() {
        return List.of("mediator");
    }

    @Override
    public List<ObjectNode> handle(InboundMessage message) {
        if (!message.type().name().equals("forward")) {
            throw new MediatorProblem(ProblemReports.UNSUPPORTED, "unsupported message: " + message.type());
        }
        Forward.ForwardRequest forward;
        try {
            forward = Forward.parse(Message.parse(message.body().toString())).orElseThrow();
        } catch (DidcommException e) {
            meters.counter("switchboard.forwards", "result", "refused").increment();
            throw new MediatorProblem(ProblemReports.FORWARD_REFUSED, "forward refused: " + e.getMessage());
        }
        Long expires = forward.forward().expiresTime();
        Instant expiresAt = expires == null ? null : Instant.ofEpochSecond(expires);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            meters.counter("switchboard.forwards", "result", "expired").increment();
            throw new MediatorProblem(ProblemCode.MSG_EXPIRED, "forward expired at " + expiresAt);
        }
        Optional<String> conn = mediations.route(forward.next());
        if (conn.isEmpty()) {
            meters.counter("switchboard.forwards", "result", "refused").increment();
            throw new MediatorProblem(ProblemReports.FORWARD_REFUSED, "forward refused");
        }
        byte[] inner = forward.forwardedMessage().getBytes(StandardCharsets.UTF_8);
        if (!forwards.accept(conn.get(), forward.next(), inner, expiresAt)) {
            throw new MediatorProblem(ProblemReports.MAILBOX_FULL, "the recipient's mailbox is full");
        }
        meters.counter("switchboard.forwards", "result", "stored").increment();
        return List.of();
    }
}
