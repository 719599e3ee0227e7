package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.InboundTransport;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /}: DIDComm v2 over HTTP (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#https">DIDComm
 * 2.1, HTTPS transport</a>; {@code application/didcomm-encrypted+json}, {@code -signed+json}, {@code
 * -plain+json}, answered in kind) and DIDComm v1 over HTTP (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0025-didcomm-transports">RFC
 * 0025</a>). Content types {@code application/didcomm-envelope-enc}, {@code application/ssi-agent-wire},
 * {@code application/json} (RFC 0044). Answers 202 (processed, nothing to return), 200 with the packed
 * return-route reply, or a 4xx/5xx with {@code {"code","description"}} when the message cannot be processed.
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

    /**
     * @param dispatcher the message path
     * @param executor where the message is processed (the body is read on the event loop)
     */
    public DidcommResource(Dispatcher dispatcher, InboundExecutor executor) {
        this.dispatcher = dispatcher;
        this.executor = executor;
    }

    /** Receives one packed message. */
    @POST
    @NonBlocking
    @Consumes({ENVELOPE_ENC, SSI_AGENT_WIRE, ENCRYPTED_V2, SIGNED_V2, PLAIN_V2, MediaType.APPLICATION_JSON})
    public CompletionStage<Response> receive(byte[] body) {
        return executor.submit(
                InboundExecutor.Lane.ANONYMOUS,
                body.length,
                () -> toResponse(dispatcher.dispatch(body, new InboundTransport.Http())));
    }

    static Response toResponse(Dispatcher.Outcome outcome) {
        return switch (outcome) {
            case Dispatcher.Outcome.Accepted(byte[] reply, String mediaType)
            when reply != null -> Response.ok(reply, mediaType).build();
            case Dispatcher.Outcome.Accepted a -> Response.accepted().build();
            case Dispatcher.Outcome.Refused r ->
                Response.status(r.status())
                        .entity(error(r.code().code(), r.description()))
                        .type(MediaType.APPLICATION_JSON)
                        .build();
        };
    }

    static ObjectNode error(String code, String description) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("description", description);
        return error;
    }
}
