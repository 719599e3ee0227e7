package dev.switchboard.mediator.protocol.coordinatemediation.v3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.protocol.coordinatemediation.DidCoordinateMediationHandler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Coordinate mediation 3.0 (<a href="https://didcomm.org/coordinate-mediation/3.0/">didcomm.org</a>),
 * mediator role, DIDComm v2: {@code mediate-request} -> {@code mediate-grant {"routing_did":["<mediator
 * did:peer:2>"]}} (an array in 3.0); {@code recipient-update {"updates":[{"recipient_did","action"}]}} ->
 * {@code recipient-update-response}; {@code recipient-query} -> {@code recipient {"dids":[{"recipient_did"}],
 * "pagination"}}. Shares grants and keylists with 1.0 and 2.0.
 */
@Singleton
public class CoordinateMediationV3Handler extends DidCoordinateMediationHandler {
    /** {@code https://didcomm.org/coordinate-mediation/3.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/coordinate-mediation/3.0");

    /** Constructor injection. */
    public CoordinateMediationV3Handler(MediationStore store, MediatorDid identity, MeterRegistry meters) {
        super(PIURI, "recipient-update", "recipient-query", "recipient", "dids", store, identity, meters);
    }

    @Override
    protected void putRoutingDid(ObjectNode grantBody, String routingDid) {
        grantBody.putArray("routing_did").add(routingDid);
    }
}
