package dev.switchboard.mediator.protocol.coordinatemediation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.mediation.RecipientDids;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;

/**
 * What coordinate mediation 2.0 and 3.0 do alike (DIDComm v2, mediator role), called by each version's handler
 * with its message names and {@code routing_did} shape: {@code mediate-request} -> {@code mediate-grant} (every
 * authenticated sender is granted), an update -> its response, a query -> the list of recipient DIDs (updates and
 * queries need a grant: else {@code e.p.req.mediation-not-granted}).
 *
 * <p>Sources: <a href="https://didcomm.org/coordinate-mediation/2.0/">coordinate-mediation 2.0</a>, <a
 * href="https://didcomm.org/coordinate-mediation/3.0/">coordinate-mediation 3.0</a>.
 */
@ApplicationScoped
public class DidCoordinateMediation {
    private final MediationStore store;
    private final MediatorDid identity;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public DidCoordinateMediation(MediationStore store, MediatorDid identity, MeterRegistry meters) {
        this.store = store;
        this.identity = identity;
        this.meters = meters;
    }

    /**
     * Grants mediation to the sender: {@code mediate-grant} of {@code piuri}, counted in {@code
     * switchboard.mediations.granted{protocol=<major.minor>}}.
     *
     * @param putRoutingDid puts the mediator's DID into the grant's body in this version's shape
     */
    public Handled grant(InboundMessage in, Piuri piuri, BiConsumer<ObjectNode, String> putRoutingDid) {
        store.grant(in.requireSender());
        meters.counter("switchboard.mediations.granted", "protocol", piuri.major() + "." + piuri.minor())
                .increment();
        ObjectNode grant = Messages.replyInKind(in, piuri.message("mediate-grant"));
        putRoutingDid.accept(Messages.content(grant), identity.did());
        return Handled.reply(grant);
    }

    /** An update ({@code keylist-update}, {@code recipient-update}) answered with {@code <update>-response}. */
    public Handled update(InboundMessage in, Piuri piuri) {
        String conn = store.requireGranted(in.requireSender());
        return Handled.reply(
                RecipientDids.update(store, in, conn, piuri.message(in.type().name() + "-response")));
    }

    /**
     * A query answered with the sender's recipient DIDs.
     *
     * @param reply the answer's name ({@code keylist}, {@code recipient})
     * @param listField the answer's list member ({@code keys}, {@code dids})
     */
    public Handled query(InboundMessage in, Piuri piuri, String reply, String listField) {
        String conn = store.requireGranted(in.requireSender());
        return Handled.reply(RecipientDids.query(store, in, conn, piuri.message(reply), listField));
    }
}
