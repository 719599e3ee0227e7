package dev.switchboard.mediator.protocol.coordinatemediation.v2;

import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.coordinatemediation.DidCoordinateMediation;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Coordinate mediation 2.0 (<a href="https://didcomm.org/coordinate-mediation/2.0/">didcomm.org</a>),
 * mediator role, DIDComm v2: {@code mediate-request} -> {@code mediate-grant {"routing_did":"<mediator
 * did:peer:2>"}} (every authenticated sender is granted); {@code keylist-update {"updates":[{"recipient_did",
 * "action"}]}} -> {@code keylist-update-response}; {@code keylist-query} -> {@code keylist {"keys":
 * [{"recipient_did"}],"pagination"}}. The wallet is named by its DID; updates and queries need a grant.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/coordinate-mediation/2.0", roles = "mediator", generations = DidcommVersion.V2)
public class CoordinateMediationV2Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/coordinate-mediation/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/coordinate-mediation/2.0");

    private final DidCoordinateMediation mediation;

    /** Constructor injection. */
    public CoordinateMediationV2Handler(DidCoordinateMediation mediation) {
        this.mediation = mediation;
    }

    @Handles("https://didcomm.org/coordinate-mediation/2.0/mediate-request")
    Handled mediateRequest(InboundMessage message) {
        return mediation.grant(message, PIURI, (body, did) -> body.put("routing_did", did));
    }

    @Handles("https://didcomm.org/coordinate-mediation/2.0/keylist-update")
    Handled update(InboundMessage message) {
        return mediation.update(message, PIURI);
    }

    @Handles("https://didcomm.org/coordinate-mediation/2.0/keylist-query")
    Handled query(InboundMessage message) {
        return mediation.query(message, PIURI, "keylist", "keys");
    }
}
