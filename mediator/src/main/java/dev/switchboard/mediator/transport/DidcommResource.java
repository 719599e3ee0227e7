package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.quota.Quotas;
import dev.switchboard.mediator.quota.RateLimits;
import dev.switchboard.mediator.quota.RequestSource;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /}: DIDComm v2 over HTTP (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#https">DIDComm
 * 2.1, HTTPS transport</a>; {@code application/didcomm-encrypted+json}, {@code -signed+json}, {@code
 * -plain+json}, answered in kind) and DIDComm v1 over HTTP (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0025-didcomm-transports">RFC
 * 0025</a>). Content types {@code application/didcomm-envelope-enc}, {@code application/ssi-agent-wire},
 * {@code application/json} (RFC 0044). Answers 202 (processed, nothing to return), 200 with the packed
 * return-route reply, or a 4xx/5xx with {@code {"code","description"}} when the message cannot be processed;
 * 429 {@code e.p.me.res.rate} with {@code Retry-After} past the per-address rate.
 */
@Path("/")
public class DidcommResource {
    /** The DIDComm v1 encrypted envelope media type (RFC 0044). */
    public static final String ENVELOPE_ENC = "application/didcomm-envelope-enc";
    /** The DIDComm v2 encrypted media type. */
    public static final String ENCRYPTED_V2 = "application/didcomm-encrypted+json";
    /** The DIDComm v2 signed media type. */
    public static final String SIGNED_V2 = "application/didcomm-signed+json";
    /** The DIDComm v2 plaintext media type. */
    public static final String PLAIN_V2 = "application/didcomm-plain+json";
    /** The legacy DIDComm v1 media type (RFC 0044). */
    public static final String SSI_AGENT_WIRE = "application/ssi-agent-wire";

    private final Dispatcher dispatcher;
    private final InboundExecutor executor;
    private final RateLimits rateLimits;

    /**
     * @param dispatcher the message path
     * @param executor where the message is processed (the body is read on the event loop)
     * @param rateLimits requests per source address (the client's, or {@code X-Forwarded-For}'s behind a trusted
     *     proxy: {@code quarkus.http.proxy.*}), checked before the request queues
     */
    public DidcommResource(Dispatcher dispatcher, InboundExecutor executor, RateLimits rateLimits) {
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.rateLimits = rateLimits;
    }

    /** Receives one packed message. */
    @POST
    @NonBlocking
    @Consumes({ENVELOPE_ENC, SSI_AGENT_WIRE, ENCRYPTED_V2, SIGNED_V2, PLAIN_V2, MediaType.APPLICATION_JSON})
    public CompletionStage<Response> receive(byte[] body, @Context HttpServerRequest request) {
        String address =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (address != null && !rateLimits.admitAddress(address)) { // before any work, on the event loop
            return CompletableFuture.completedFuture(toResponse(
                    new Dispatcher.Outcome.Refused(429, Quotas.RATE_LIMITED, "too many requests from this address")));
        }
        return executor.submit(
                InboundExecutor.Lane.ANONYMOUS,
                body.length,
                () -> RequestSource.with(
                        address, () -> toResponse(dispatcher.dispatch(body, new InboundTransport.Http()))));
    }

    static Response toResponse(Dispatcher.Outcome outcome) {
        return switch (outcome) {
            case Dispatcher.Outcome.Accepted(byte[] reply, String mediaType)
            when reply != null -> Response.ok(reply, mediaType).build();
            case Dispatcher.Outcome.Accepted a -> Response.accepted().build();
            case Dispatcher.Outcome.Refused r -> {
                Response.ResponseBuilder refusal = Response.status(r.status())
                        .entity(error(r.code().code(), r.description()))
                        .type(MediaType.APPLICATION_JSON);
                if (r.status() == 429) { // RFC 6585 section 4: say when to come back
                    refusal.header("Retry-After", "1");
                }
                yield refusal.build();
            }
        };
    }

    static ObjectNode error(String code, String description) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("description", description);
        return error;
    }
}
