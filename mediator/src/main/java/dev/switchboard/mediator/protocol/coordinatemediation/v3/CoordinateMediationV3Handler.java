package dev.switchboard.mediator.protocol.coordinatemediation.v3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.mediation.RecipientDids;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ProtocolHandler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Coordinate mediation 3.0 (<a href="https://didcomm.org/coordinate-mediation/3.0/">didcomm.org</a>),
 * mediator role, DIDComm v2: {@code mediate-request} -> {@code mediate-grant {"routing_did":["<mediator
 * did:peer:2>"]}} (an array in 3.0); {@code recipient-update {"updates":[{"recipient_did","action"}]}} ->
 * {@code recipient-update-response}; {@code recipient-query} -> {@code recipient {"dids":[{"recipient_did"}],
 * "pagination"}}. Shares grants and keylists with 1.0 and 2.0.
 */
@ApplicationScoped
public class CoordinateMediationV3Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/coordinate-mediation/3.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/coordinate-mediation/3.0");

    private final MediationStore store;
    private final MediatorDid identity;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public CoordinateMediationV3Handler(MediationStore store, MediatorDid identity, MeterRegistry meters) {
        this.store = store;
        this.identity = identity;
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
        String conn = message.requireSender();
        return switch (message.type().name()) {
            case "mediate-request" -> {
                store.grant(conn);
                meters.counter("switchboard.mediations.granted", "protocol", "3.0")
                        .increment();
                ObjectNode grant = Messages.replyInKind(message, PIURI.message("mediate-grant"));
                Messages.content(grant).putArray("routing_did").add(identity.did());
                yield List.of(grant);
            }
            case "recipient-update" ->
                List.of(RecipientDids.update(
                        store, message, store.requireGranted(conn), PIURI.message("recipient-update-response")));
            case "recipient-query" ->
                List.of(RecipientDids.query(
                        store, message, store.requireGranted(conn), PIURI.message("recipient"), "dids"));
            default ->
                throw new MediatorProblem(ProblemReports.UNSUPPORTED, "the mediator does not accept " + message.type());
        };
    }
}
