package dev.switchboard.mediator.protocol.coordinatemediation.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.protocol.coordinatemediation.DidCoordinateMediationHandler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Coordinate mediation 2.0 (<a href="https://didcomm.org/coordinate-mediation/2.0/">didcomm.org</a>),
 * mediator role, DIDComm v2: {@code mediate-request} -> {@code mediate-grant {"routing_did":"<mediator
 * did:peer:2>"}} (every authenticated sender is granted); {@code keylist-update {"updates":[{"recipient_did",
 * "action"}]}} -> {@code keylist-update-response}; {@code keylist-query} -> {@code keylist {"keys":
 * [{"recipient_did"}],"pagination"}}. The wallet is named by its DID; updates and queries need a grant.
 */
@Singleton
public class CoordinateMediationV2Handler extends DidCoordinateMediationHandler {
    /** {@code https://didcomm.org/coordinate-mediation/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/coordinate-mediation/2.0");

    /** Constructor injection. */
    public CoordinateMediationV2Handler(MediationStore store, MediatorDid identity, MeterRegistry meters) {
        super(PIURI, "keylist-update", "keylist-query", "keylist", "keys", store, identity, meters);
    }

    @Override
    protected void putRoutingDid(ObjectNode grantBody, String routingDid) {
        grantBody.put("routing_did", routingDid);
    }
}
