package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.Envelopes;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.HandlerRegistry;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.quota.Quotas;
import dev.switchboard.mediator.quota.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The front door of every inbound packed message, whatever the ingress: size check, envelope detection (DIDComm
 * v1, v2, or a v2 plaintext), opening ({@link V1Opener}, {@link V2Opener}: unpack and parse), the handler the
 * {@link HandlerRegistry} declares for the message's type, then the replies through {@link ReplyRouter} (which
 * also maps a refusal to a problem report or an HTTP status), then the pushes the handler asked for.
 *
 * <p>A message is answered in its own generation. Nothing here closes a socket.
 */
@ApplicationScoped
public class Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final V1Opener v1;
    private final V2Opener v2;
    private final HandlerRegistry registry;
    private final ReplyRouter router;
    private final RateLimits rateLimits;
    private final RouteRecorder routeRecorder;
    private final DeliveryService delivery;
    private final MediatorConfig config;
    private final MeterRegistry meters;

    /** The outcome of one inbound message. */
    public sealed interface Outcome {
        /**
         * Processed (possibly answered with a problem report).
         *
         * @param reply the packed reply for the HTTP response body, or null (then 202)
         * @param mediaType the reply's media type ({@code application/didcomm-envelope-enc} for v1, {@code
         *     application/didcomm-encrypted+json} for v2)
         */
        record Accepted(byte @Nullable [] reply, String mediaType) implements Outcome {}

        /**
         * Refused before or without a reply the sender can decrypt: answered with an HTTP status.
         *
         * @param status the HTTP status (400, 413, 503, ...)
         * @param code the problem code
         * @param description what was wrong, safe to show
         */
        record Refused(int status, ProblemCode code, String description) implements Outcome, Opened {}
    }

    /** Constructor injection. */
    Dispatcher(
            V1Opener v1,
            V2Opener v2,
            HandlerRegistry registry,
            ReplyRouter router,
            RouteRecorder routeRecorder,
            DeliveryService delivery,
            MediatorConfig config,
            MeterRegistry meters,
            RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.v1 = v1;
        this.v2 = v2;
        this.registry = registry;
        this.router = router;
        this.routeRecorder = routeRecorder;
        this.delivery = delivery;
        this.config = config;
        this.meters = meters;
    }

    /**
     * Processes one packed message of either generation. Never throws for bad input; a store failure is {@link
     * Outcome.Refused} 503 with nothing acknowledged.
     */
    public Outcome dispatch(byte[] packed, InboundTransport transport) {
        if (packed.length > config.maxMessageBytes()) {
            return router.refused(
                    413, ProblemCode.MSG_TOO_BIG, "message larger than " + config.maxMessageBytes() + " bytes");
        }
        Opened opened;
        if (generation(packed) == DidcommVersion.V2) {
            meters.counter("switchboard.inbound", "generation", "v2").increment();
            opened = v2.open(packed, transport);
        } else {
            opened = v1.open(packed, transport);
        }
        try {
            return switch (opened) {
                case Outcome.Refused r -> r;
                case Opened.Unparsed u ->
                    router.route(
                            List.of(u.report()), u.sender(), u.packer(), u.returnRoute(), transport, u.mediaType());
                case Opened.Parsed p -> handle(p.message(), p.packer(), p.mediaType());
            };
        } catch (RuntimeException e) {
            return router.storeFailed(e);
        }
    }

    /**
     * Records a socket route for the sender, runs the declared handler, routes its replies (or the refusal), then
     * pushes what the handler asked for and, when the route is new, the sender's mailbox (a reconnect drains what
     * waited).
     */
    private Outcome handle(InboundMessage message, ReplyRouter.Packer packer, String mediaType) {
        String sender = message.senderKey();
        if (sender != null && !rateLimits.admitDid(sender)) { // before anything is recorded or handled
            return router.refused(429, Quotas.RATE_LIMITED, "too many messages from this sender; retry later");
        }
        InboundTransport.Socket socket = message.transport().socket();
        boolean newRoute = socket != null && sender != null && routeRecorder.record(sender, socket);
        Outcome outcome;
        try {
            Handled handled = registry.handle(message);
            outcome = router.route(
                    handled.replies(), sender, packer, message.returnRoute(), message.transport(), mediaType);
            handled.pushAfter().forEach(delivery::push); // after the replies: a status precedes the deliveries
        } catch (MediatorProblem problem) {
            outcome = router.refuse(message, problem, packer, mediaType);
        }
        if (newRoute) {
            delivery.push(sender);
        }
        return outcome;
    }

    /** The generation of a packed message; v1 when undecidable (the v1 unpack then names the problem). */
    static DidcommVersion generation(byte[] packed) {
        try {
            return Envelopes.detect(packed);
        } catch (DidcommException e) {
            try {
                JsonNode json = JSON.readTree(packed);
                if (json != null
                        && json.path("type").isTextual()
                        && json.path("id").isTextual()
                        && !json.has("@type")) {
                    return DidcommVersion.V2; // application/didcomm-plain+json
                }
            } catch (IOException | RuntimeException ignored) {
                // not JSON: the v1 path refuses it
            }
            return DidcommVersion.V1;
        }
    }
}
