package dev.switchboard.mediator.protocol.coordinatemediation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.mediation.RecipientDids;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;

/**
 * What coordinate mediation 2.0 and 3.0 share (DIDComm v2, mediator role): {@code mediate-request} ->
 * {@code mediate-grant} (every authenticated sender is granted), an update message -> its response, a query ->
 * the list of recipient DIDs. The versions differ only in message names and in the shape of {@code
 * routing_did}, which subclasses supply.
 *
 * <p>Sources: <a href="https://didcomm.org/coordinate-mediation/2.0/">coordinate-mediation 2.0</a>, <a
 * href="https://didcomm.org/coordinate-mediation/3.0/">coordinate-mediation 3.0</a>.
 */
public abstract class DidCoordinateMediationHandler implements ProtocolHandler {

    private final Piuri piuri;
    private final String version;
    private final String update;
    private final String query;
    private final String queryReply;
    private final String listField;
    private final MediationStore store;
    private final MediatorDid identity;
    private final MeterRegistry meters;

    /**
     * @param piuri the protocol, e.g. {@code https://didcomm.org/coordinate-mediation/3.0}
     * @param update the update message name ({@code keylist-update}, {@code recipient-update}); its answer is
     *     {@code <update>-response}
     * @param query the query message name ({@code keylist-query}, {@code recipient-query})
     * @param queryReply the answer to the query ({@code keylist}, {@code recipient})
     * @param listField the answer's list member ({@code keys}, {@code dids})
     */
    protected DidCoordinateMediationHandler(
            Piuri piuri,
            String update,
            String query,
            String queryReply,
            String listField,
            MediationStore store,
            MediatorDid identity,
            MeterRegistry meters) {
        this.piuri = piuri;
        this.version = piuri.major() + "." + piuri.minor();
        this.update = update;
        this.query = query;
        this.queryReply = queryReply;
        this.listField = listField;
        this.store = store;
        this.identity = identity;
        this.meters = meters;
    }

    /** Puts the mediator's routing DID into a {@code mediate-grant} body, in this version's shape. */
    protected abstract void putRoutingDid(ObjectNode grantBody, String routingDid);

    @Override
    public final List<Piuri> protocols() {
        return List.of(piuri);
    }

    @Override
    public final Set<DidcommVersion> generations() {
        return Set.of(DidcommVersion.V2);
    }

    @Override
    public final List<String> roles() {
        return List.of("mediator");
    }

    @Override
    public final List<ObjectNode> handle(InboundMessage message) {
        String conn = message.requireSender();
        String name = message.type().name();
        if (name.equals("mediate-request")) {
            store.grant(conn);
            meters.counter("switchboard.mediations.granted", "protocol", version)
                    .increment();
            ObjectNode grant = Messages.replyInKind(message, piuri.message("mediate-grant"));
            putRoutingDid(Messages.content(grant), identity.did());
            return List.of(grant);
        }
        if (name.equals(update)) {
            return List.of(RecipientDids.update(
                    store, message, store.requireGranted(conn), piuri.message(update + "-response")));
        }
        if (name.equals(query)) {
            return List.of(RecipientDids.query(
                    store, message, store.requireGranted(conn), piuri.message(queryReply), listField));
        }
        throw new MediatorProblem(ProblemCode.MSG_UNSUPPORTED, "the mediator does not accept " + message.type());
    }
}
