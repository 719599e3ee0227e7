package dev.switchboard.mediator.protocol.didexchange.v1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.outofband.v1.OutOfBandV1Handler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * DID exchange 1.0/1.1, responder to the mediator's invitation.
 *
 * <p>request {@code {"~thread":{"pthid"},"label","did","did_doc~attach"?}} (did:peer:1 with an attached
 * document as Credo 0.5 sends, long-form did:peer:4 as Credo 0.6 sends, did:peer:2): the mediator answers a
 * {@code response} in the request's thread carrying its {@link MediatorDidDoc} DID and the document as
 * {@code did_doc~attach} signed by the invitation key. The wallet is identified afterwards by the key it
 * authcrypts with (the request's sender), so the mediator neither resolves nor keeps the wallet's DID (no
 * connection record: mediation state is keyed by that sender key). {@code complete} (often sent with {@code
 * return_route none}) is counted ({@code switchboard.connections{state=completed}}) and not answered.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/didexchange/1.1", roles = "responder")
public class DidExchangeV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/didexchange/1.1} (1.0 is the same major version). */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/didexchange/1.1");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediatorIdentity identity;
    private final OutOfBandV1Handler outOfBand;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public DidExchangeV1Handler(MediatorIdentity identity, OutOfBandV1Handler outOfBand, MeterRegistry meters) {
        this.meters = meters;
        this.identity = identity;
        this.outOfBand = outOfBand;
    }

    @Handles("https://didcomm.org/didexchange/1.1/complete")
    Handled complete(InboundMessage message) {
        message.requireSender();
        meters.counter("switchboard.connections", "state", "completed").increment();
        return Handled.NOTHING;
    }

    @Handles("https://didcomm.org/didexchange/1.1/request")
    Handled request(InboundMessage request) {
        request.requireSender(); // the wallet is known by the key it authcrypts with, nothing else is kept
        String theirDid = Messages.requireText(request.body(), "did");
        if (!theirDid.startsWith("did:")) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "'did' is not a DID");
        }
        MediatorDidDoc ours = MediatorDidDoc.of(identity.invitationKey().verkey(), outOfBand.endpoints());
        // reply in the request's own minor version: 1.0 -> 1.0, 1.1 -> 1.1
        Piuri version = new Piuri(
                Piuri.DIDCOMM_ORG, "didexchange", 1, request.type().piuri().minor() == 0 ? 0 : 1);
        ObjectNode response = Messages.create(version.message("response"));
        ObjectNode thread = response.putObject("~thread");
        thread.put("thid", request.thid());
        thread.put("pthid", request.pthid() != null ? request.pthid() : outOfBand.invitationId());
        response.put("did", ours.did());
        try {
            response.set(
                    "did_doc~attach",
                    SignedAttachment.of(
                            JSON.writeValueAsBytes(ours.document()), "application/json", identity.invitationKey()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        meters.counter("switchboard.connections", "state", "response-sent").increment();
        return Handled.reply(response);
    }
}
