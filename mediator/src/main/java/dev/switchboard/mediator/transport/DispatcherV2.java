package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.UnpackMetadata;
import dev.switchboard.didcomm.v2.Message;
import dev.switchboard.didcomm.v2.Unpacked;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.delivery.RelayClient;
import dev.switchboard.mediator.envelope.DidcommV2Envelopes;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.message.HandlerRegistry;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.MessageType;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ReturnRoute;
import dev.switchboard.mediator.message.Transport;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The DIDComm v2 half of {@link Dispatcher}: unpack with the mediator's DID, parse, route to the handler,
 * authcrypt the replies from the mediator's DID to the sender's DID and route them as v1 replies go (socket:
 * relay {@code send}; HTTP with {@code "return_route":"all"}: the response body; else the sender's mailbox).
 *
 * <p>The sender is the DID of the authcrypt {@code skid}, or of the verified signer; an anoncrypted or
 * plaintext message is anonymous: it gets no reply, and a refusal is an HTTP status.
 */
@ApplicationScoped
public class DispatcherV2 {
    private static final Logger LOG = Logger.getLogger(DispatcherV2.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DidcommV2Envelopes envelopes;
    private final HandlerRegistry registry;
    private final DeliveryService delivery;
    private final RouteRecorder routeRecorder;
    private final RelayClient relay;
    private final MediatorDid identity;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public DispatcherV2(
            DidcommV2Envelopes envelopes,
            HandlerRegistry registry,
            DeliveryService delivery,
            RouteRecorder routeRecorder,
            RelayClient relay,
            MediatorDid identity,
            MeterRegistry meters) {
        this.envelopes = envelopes;
        this.registry = registry;
        this.delivery = delivery;
        this.routeRecorder = routeRecorder;
        this.relay = relay;
        this.identity = identity;
        this.meters = meters;
    }

    /** As {@link Dispatcher#dispatch} for a v2 message (size already checked). */
    Dispatcher.Outcome dispatch(byte[] packed, Transport transport) {
        Unpacked unpacked;
        try {
            unpacked = envelopes.unpack(packed);
        } catch (DidcommException e) {
            meters.counter("switchboard.unpack.errors", "code", e.problemCode().code())
                    .increment();
            return refused(400, e.problemCode(), e.getMessage());
        }
        UnpackMetadata meta = unpacked.metadata();
        Message message = unpacked.message();
        String sender = senderDid(meta);
        if (sender != null && message.from() != null && !message.from().equals(sender)) {
            return refused(400, ProblemCode.TRUST_CRYPTO, "'from' is not the DID of the authenticated sender");
        }
        String recipient = meta.recipientKid() == null ? identity.did() : meta.recipientKid();
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(message.toJson());
            Optional<MessageType> type = MessageType.parse(message.type());
            if (type.isEmpty()) {
                if (sender == null) {
                    return refused(400, ProblemReports.INVALID, "not a DIDComm message type: " + message.type());
                }
                ObjectNode report = ProblemReports.ofV2(
                        message.thid() != null ? message.thid() : message.id(),
                        ProblemReports.INVALID,
                        "not a DIDComm message type");
                return route(
                        List.of(report), sender, identity.didOf(meta.recipientKid()), ReturnRoute.of(json), transport);
            }
            InboundMessage in = new InboundMessage(
                    json,
                    type.get(),
                    message.id(),
                    ReturnRoute.of(json),
                    sender,
                    recipient,
                    transport,
                    DidcommVersion.V2);
            Transport.Socket socket = transport.socket();
            boolean newRoute = socket != null && sender != null && routeRecorder.record(sender, socket);
            List<ObjectNode> replies;
            try {
                replies = registry.handle(in);
            } catch (MediatorProblem problem) {
                if (sender == null) {
                    return refused(Dispatcher.statusOf(problem.code()), problem.code(), problem.getMessage());
                }
                replies = List.of(ProblemReports.of(in, problem));
            }
            Dispatcher.Outcome outcome =
                    route(replies, sender, identity.didOf(meta.recipientKid()), in.returnRoute(), transport);
            if (newRoute) {
                delivery.push(sender);
            }
            return outcome;
        } catch (IOException e) {
            return refused(400, ProblemReports.INVALID, "plaintext is not JSON");
        } catch (RuntimeException e) {
            LOG.warn("v2 message not processed (store failure?)", e);
            return refused(503, ProblemReports.INTERNAL, "temporarily unable to process the message; retry");
        }
    }

    /** The DID of the authenticated sender (authcrypt {@code skid}, else the verified signer), or null. */
    static @Nullable String senderDid(UnpackMetadata meta) {
        String kid = meta.senderKid() != null ? meta.senderKid() : meta.signedBy();
        if (kid == null) {
            return null;
        }
        int hash = kid.indexOf('#');
        return hash < 0 ? kid : kid.substring(0, hash);
    }

    private Dispatcher.Outcome route(
            List<ObjectNode> replies, @Nullable String to, String from, ReturnRoute returnRoute, Transport transport) {
        if (replies.isEmpty() || to == null) {
            return new Dispatcher.Outcome.Accepted(null, DidcommResource.ENCRYPTED_V2);
        }
        byte[] body = null;
        boolean queued = false;
        Transport.Socket socket = transport.socket();
        for (ObjectNode reply : replies) {
            byte[] packed;
            try {
                packed = envelopes.authcrypt(Message.parse(JSON.writeValueAsString(reply)), to, from);
            } catch (DidcommException | IOException e) {
                LOG.debugf("reply to %s not packed: %s", to, e.getMessage());
                continue; // the sender's DID has no usable key-agreement key: nobody can read a reply
            }
            Dispatcher.countIfProblemReport(meters, reply);
            if (socket != null) {
                if (!relay.send(socket.send(), packed).toCompletableFuture().join()) {
                    delivery.store(to, Dispatcher.digest(packed), packed);
                    queued = true;
                }
            } else if (body == null && returnRoute.allowsReply()) {
                body = packed;
            } else {
                delivery.store(to, Dispatcher.digest(packed), packed);
                queued = true;
            }
        }
        if (queued) {
            delivery.push(to);
        }
        return new Dispatcher.Outcome.Accepted(body, DidcommResource.ENCRYPTED_V2);
    }

    private Dispatcher.Outcome refused(int status, ProblemCode code, String description) {
        Dispatcher.countProblem(meters, code);
        return new Dispatcher.Outcome.Refused(status, code, description);
    }
}
