package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.delivery.RelayClient;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ReturnRoute;
import dev.switchboard.mediator.quota.Quotas;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The one place replies are routed and refusals mapped, for both generations: a {@link MediatorProblem} becomes a
 * problem report to an authenticated sender or an HTTP status for an anonymous one ({@link #refuse}); packed
 * replies go out ({@link #route}); envelope and store failures are refusals with their status.
 *
 * <p>Routing: on a socket, through the relay's {@code send} callback whatever the return route (a socket is a
 * duplex session; Credo sends DID exchange {@code complete} with {@code return_route none} and expects the socket
 * to stay usable; a failed send is queued); over HTTP, the first reply in the response body when the message
 * asked for a return route; anything else is queued in the sender's mailbox, then pushed, but only when the
 * sender holds a mediation (otherwise it is dropped and counted in {@code switchboard.replies.dropped}: nobody may
 * make the mediator store for a wallet it does not serve). Counting: every refusal
 * and every problem report answered is counted once under its code in {@code switchboard.problem.reports};
 * envelope failures also in {@code switchboard.unpack.errors} ({@code mediator/docs/problem-reports.md}).
 */
@ApplicationScoped
class ReplyRouter {
    private static final Logger LOG = Logger.getLogger(ReplyRouter.class);

    private final DeliveryService delivery;
    private final RelayClient relay;
    private final MeterRegistry meters;
    private final MediationStore mediations;

    /** Packs one reply for the sender, in the generation of the message it answers. */
    @FunctionalInterface
    interface Packer {
        /**
         * @return the packed reply, or null when nobody can read it (then it is dropped)
         * @throws RuntimeException when the reply cannot be packed for another reason (a 503)
         */
        byte @Nullable [] pack(ObjectNode reply);
    }

    ReplyRouter(DeliveryService delivery, RelayClient relay, MeterRegistry meters, MediationStore mediations) {
        this.mediations = mediations;
        this.delivery = delivery;
        this.relay = relay;
        this.meters = meters;
    }

    /**
     * A refused message: a problem report in its generation to an authenticated sender, routed as any reply;
     * for an anonymous sender an HTTP status ({@link #statusOf}).
     */
    Dispatcher.Outcome refuse(InboundMessage message, MediatorProblem problem, Packer packer, String mediaType) {
        if (message.senderKey() == null) {
            return refused(statusOf(problem.code()), problem.code(), problem.getMessage());
        }
        return route(
                List.of(ProblemReports.of(message, problem)),
                message.senderKey(),
                packer,
                message.returnRoute(),
                message.transport(),
                mediaType);
    }

    /**
     * Packs and routes replies to {@code to} (socket, HTTP body, else mailbox) and counts the problem reports
     * among them.
     *
     * @param to the sender's key or DID (its mailbox), or null: nothing is sent
     */
    Dispatcher.Outcome route(
            List<ObjectNode> replies,
            @Nullable String to,
            Packer packer,
            ReturnRoute returnRoute,
            InboundTransport transport,
            String mediaType) {
        if (replies.isEmpty() || to == null) {
            return new Dispatcher.Outcome.Accepted(null, mediaType);
        }
        List<byte[]> packedReplies = new ArrayList<>(replies.size());
        for (ObjectNode reply : replies) {
            byte[] packed = packer.pack(reply); // all packed before any is sent
            if (packed != null) {
                packedReplies.add(packed);
                countIfProblemReport(reply);
            }
        }
        byte[] body = null;
        boolean queued = false;
        InboundTransport.Socket socket = transport.socket();
        for (byte[] packed : packedReplies) {
            if (socket != null) {
                if (!relay.send(socket.instanceId(), socket.send(), packed)
                        .toCompletableFuture()
                        .join()) {
                    queued |= queue(to, packed);
                }
            } else if (body == null && returnRoute.allowsReply()) {
                body = packed;
            } else {
                queued |= queue(to, packed);
            }
        }
        if (queued) {
            delivery.push(to);
        }
        return new Dispatcher.Outcome.Accepted(body, mediaType);
    }

    /** A refusal answered with an HTTP status and {@code {"code","description"}}, counted under its code. */
    Dispatcher.Outcome.Refused refused(int status, ProblemCode code, String description) {
        meters.counter("switchboard.problem.reports", "code", code.code()).increment();
        return new Dispatcher.Outcome.Refused(status, code, description);
    }

    /** An envelope that could not be opened: 400 with the exception's code, counted as an unpack error too. */
    Dispatcher.Outcome.Refused unpackFailed(DidcommException e) {
        meters.counter("switchboard.unpack.errors", "code", e.problemCode().code())
                .increment();
        return refused(400, e.problemCode(), e.getMessage());
    }

    /** A store failure: 503 {@code e.p.me.res}, nothing acknowledged, the sender may retry. */
    Dispatcher.Outcome storeFailed(RuntimeException e) {
        LOG.warn("message not processed (store failure?)", e);
        return refused(503, ProblemReports.INTERNAL, "temporarily unable to process the message; retry");
    }

    private void countIfProblemReport(ObjectNode reply) {
        String code = null;
        if (ProblemReports.PROBLEM_REPORT.toString().equals(reply.path("@type").asText())) {
            code = reply.path("description").path("code").textValue();
        } else if (ProblemReports.PROBLEM_REPORT_V2
                .toString()
                .equals(reply.path("type").asText())) {
            code = reply.path("body").path("code").textValue();
        }
        if (code != null) {
            meters.counter("switchboard.problem.reports", "code", code).increment();
        }
    }

    /** Stores a reply in {@code to}'s mailbox when {@code to} holds a mediation; else drops it (counted). */
    private boolean queue(String to, byte[] packed) {
        if (!mediations.isGranted(to)) {
            meters.counter("switchboard.replies.dropped", "reason", "no_mediation")
                    .increment();
            return false;
        }
        delivery.store(to, DeliveryService.messageId(packed), packed);
        return true;
    }

    /** The HTTP status of a refusal of an anonymous message (the quotas' own statuses included). */
    static int statusOf(ProblemCode code) {
        int quota = Quotas.httpStatus(code);
        if (quota != 0) {
            return quota;
        }
        if (code.equals(ProblemReports.MAILBOX_FULL)) {
            return 507;
        }
        if (code.equals(ProblemReports.INTERNAL)) {
            return 503;
        }
        return 400;
    }
}
