package dev.switchboard.mediator.protocol.coordinatemediation.v3;

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
 * Coordinate mediation 3.0 (<a href="https://didcomm.org/coordinate-mediation/3.0/">didcomm.org</a>),
 * mediator role, DIDComm v2: {@code mediate-request} -> {@code mediate-grant {"routing_did":["<mediator
 * did:peer:2>"]}} (an array in 3.0); {@code recipient-update {"updates":[{"recipient_did","action"}]}} ->
 * {@code recipient-update-response}; {@code recipient-query} -> {@code recipient {"dids":[{"recipient_did"}],
 * "pagination"}}. Shares grants and keylists with 1.0 and 2.0.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/coordinate-mediation/3.0", roles = "mediator", generations = DidcommVersion.V2)
public class CoordinateMediationV3Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/coordinate-mediation/3.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/coordinate-mediation/3.0");

    private final DidCoordinateMediation mediation;

    /** Constructor injection. */
    public CoordinateMediationV3Handler(DidCoordinateMediation mediation) {
        this.mediation = mediation;
    }

    @Handles("https://didcomm.org/coordinate-mediation/3.0/mediate-request")
    Handled mediateRequest(InboundMessage message) {
        return mediation.grant(
                message, PIURI, (body, did) -> body.putArray("routing_did").add(did));
    }

    @Handles("https://didcomm.org/coordinate-mediation/3.0/recipient-update")
    Handled update(InboundMessage message) {
        return mediation.update(message, PIURI);
    }

    @Handles("https://didcomm.org/coordinate-mediation/3.0/recipient-query")
    Handled query(InboundMessage message) {
        return mediation.query(message, PIURI, "recipient", "dids");
    }
}
