package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.UnpackMetadata;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.delivery.RelayClient;
import dev.switchboard.mediator.envelope.Envelopes;
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
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The one path of every inbound packed message, whatever the ingress: size check, unpack, parse, route to
 * the protocol handler, pack and route the replies.
 *
 * <p>Replies (authcrypted from the key the message was sent to, to the sender): on a socket, through the
 * relay's {@code send} callback whatever the return route (a socket is a duplex session; Credo sends DID
 * exchange {@code complete} with {@code return_route none} and expects the socket to stay usable); over
 * HTTP, the first reply in the response body when the message asked for a return route; anything else is
 * queued in the sender's mailbox. Nothing here closes a socket.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Envelopes envelopes;
    private final HandlerRegistry registry;
    private final DeliveryService delivery;
    private final RouteRecorder routeRecorder;
    private final RelayClient relay;
    private final MediatorConfig config;
    private final MeterRegistry meters;
    private final DispatcherV2 v2;

    /** The outcome of one inbound message. */
    public sealed interface Outcome {
        /**
         * Processed (possibly answered with a problem report).
         *
         * @param reply the packed reply for the HTTP response body, or null (then 202)
         * @param mediaType the reply's media type ({@code application/didcomm-envelope-enc} for v1, {@code
         *     application/didcomm-encrypted+json} for v2)
         */
        record Accepted(byte @Nullable [] reply, String mediaType) implements Outcome {
            /** A DIDComm v1 outcome. */
            public Accepted(byte @Nullable [] reply) {
                this(reply, DidcommResource.ENVELOPE_ENC);
            }
        }

        /**
         * Refused before or without a reply the sender can decrypt: answered with an HTTP status.
         *
         * @param status the HTTP status (400, 413, 503, ...)
         * @param code the problem code
         * @param description what was wrong, safe to show
         */
        record Refused(int status, ProblemCode code, String description) implements Outcome {}
    }

    /** Constructor injection. */
    public Dispatcher(
            Envelopes envelopes,
            HandlerRegistry registry,
            DeliveryService delivery,
            RouteRecorder routeRecorder,
            RelayClient relay,
            MediatorConfig config,
            MeterRegistry meters,
            DispatcherV2 v2) {
        this.v2 = v2;
        this.envelopes = envelopes;
        this.registry = registry;
        this.delivery = delivery;
        this.routeRecorder = routeRecorder;
        this.relay = relay;
        this.config = config;
        this.meters = meters;
    }

    /**
     * Processes one packed message of either generation (told apart by {@link
     * dev.switchboard.didcomm.Envelopes#detect}; a v2 plaintext is recognised by its {@code type} and {@code
     * id}); a message is answered in its own generation. Never throws for bad input; a store failure is {@link
     * Outcome.Refused} 503 with nothing acknowledged.
     */
    public Outcome dispatch(byte[] packed, Transport transport) {
        if (packed.length > config.maxMessageBytes()) {
            return refused(413, ProblemCode.MSG_TOO_BIG, "message larger than " + config.maxMessageBytes() + " bytes");
        }
        if (generation(packed) == DidcommVersion.V2) {
            meters.counter("switchboard.inbound", "generation", "v2").increment();
            return v2.dispatch(packed, transport);
        }
        Envelopes.Unpacked unpacked;
        try {
            unpacked = envelopes.unpack(packed);
        } catch (DidcommException e) {
            meters.counter("switchboard.unpack.errors", "code", e.problemCode().code())
                    .increment();
            return refused(400, e.problemCode(), e.getMessage());
        }
        UnpackMetadata meta = unpacked.metadata();
        String sender = meta.senderKid();
        String recipient = meta.recipientKid() == null ? "" : meta.recipientKid();
        try {
            Optional<InboundMessage> parsed = parse(unpacked.plaintext(), sender, recipient, transport);
            if (parsed.isEmpty()) {
                if (sender == null) {
                    return refused(400, ProblemReports.INVALID, "not a DIDComm message (@type, @id)");
                }
                ObjectNode report = ProblemReports.unthreaded(
                        ProblemReports.INVALID,
                        "not a DIDComm message (@type, @id)",
                        UUID.randomUUID().toString());
                return route(List.of(report), recipient, sender, ReturnRoute.ALL, transport);
            }
            InboundMessage message = parsed.get();
            Transport.Socket socket = transport.socket();
            boolean newRoute = socket != null && sender != null && routeRecorder.record(sender, socket);
            List<ObjectNode> replies;
            try {
                replies = registry.handle(message);
            } catch (MediatorProblem problem) {
                if (sender == null) {
                    return refused(statusOf(problem.code()), problem.code(), problem.getMessage());
                }
                replies = List.of(ProblemReports.of(message, problem));
            }
            Outcome outcome = route(replies, recipient, sender, message.returnRoute(), transport);
            if (newRoute) {
                delivery.push(sender); // reconnect: drain what waited (implicit mode)
            }
            return outcome;
        } catch (RuntimeException e) {
            LOG.warn("message not processed (store failure?)", e);
            return refused(503, ProblemReports.INTERNAL, "temporarily unable to process the message; retry");
        }
    }

    /** The generation of a packed message; v1 when undecidable (the v1 unpack then names the problem). */
    static DidcommVersion generation(byte[] packed) {
        try {
            return dev.switchboard.didcomm.Envelopes.detect(packed);
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

    private Optional<InboundMessage> parse(
            byte[] plaintext, @Nullable String sender, String recipient, Transport transport) {
        JsonNode json;
        try {
            json = JSON.readTree(plaintext);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        JsonNode type = json.get("@type");
        JsonNode id = json.get("@id");
        if (type == null
                || !type.isTextual()
                || id == null
                || !id.isTextual()
                || id.asText().isEmpty()) {
            return Optional.empty();
        }
        return MessageType.parse(type.asText())
                .map(t -> new InboundMessage(
                        (ObjectNode) json, t, id.asText(), ReturnRoute.of(json), sender, recipient, transport));
    }

    private Outcome route(
            List<ObjectNode> replies, String from, @Nullable String to, ReturnRoute returnRoute, Transport transport) {
        if (replies.isEmpty() || to == null) {
            return new Outcome.Accepted(null);
        }
        List<byte[]> packed = new ArrayList<>();
        for (ObjectNode reply : replies) {
            try {
                packed.add(envelopes.authcrypt(JSON.writeValueAsBytes(reply), from, to));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            countIfProblemReport(meters, reply);
        }
        byte[] body = null;
        Transport.Socket socket = transport.socket();
        boolean queued = false;
        for (byte[] p : packed) {
            if (socket != null) {
                if (!relay.send(socket.send(), p).toCompletableFuture().join()) {
                    queue(to, p);
                    queued = true;
                }
            } else if (body == null && returnRoute.allowsReply()) {
                body = p;
            } else {
                queue(to, p);
                queued = true;
            }
        }
        if (queued) {
            delivery.push(to);
        }
        return new Outcome.Accepted(body);
    }

    private void queue(String conn, byte[] packed) {
        delivery.store(conn, digest(packed), packed);
    }

    private Outcome refused(int status, ProblemCode code, String description) {
        countProblem(meters, code);
        return new Outcome.Refused(status, code, description);
    }

    /**
     * Counts one answered problem ({@code switchboard_problem_reports_total{code}}): every refusal and every
     * problem report the mediator answers, whichever path produced it.
     */
    static void countProblem(MeterRegistry meters, ProblemCode code) {
        meters.counter("switchboard.problem.reports", "code", code.code()).increment();
    }

    /** Counts {@code reply} when it is a problem report (report-problem 1.0 or 2.0) under its code. */
    static void countIfProblemReport(MeterRegistry meters, ObjectNode reply) {
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

    /** The HTTP status of a refusal of an anonymous message. */
    static int statusOf(ProblemCode code) {
        if (code.equals(ProblemReports.MAILBOX_FULL)) {
            return 507;
        }
        if (code.equals(ProblemReports.INTERNAL)) {
            return 503;
        }
        return 400;
    }

    static String digest(byte[] bytes) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
