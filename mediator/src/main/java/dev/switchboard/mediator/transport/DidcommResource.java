package dev.switchboard.mediator.transport;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.Transport;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /}: DIDComm v1 over HTTP (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0025-didcomm-transports">RFC
 * 0025</a>). Content types {@code application/didcomm-envelope-enc}, {@code application/ssi-agent-wire},
 * {@code application/json} (RFC 0044). Answers 202 (processed, nothing to return), 200 with the packed
 * return-route reply, or a 4xx/5xx with {@code {"code","description"}} when the message cannot be processed.
 */
@Path("/")
public class DidcommResource {
    /** The DIDComm v1 encrypted envelope media type (RFC 0044). */
    public static final String ENVELOPE_ENC = "application/didcomm-envelope-enc";
    /** The legacy DIDComm v1 media type (RFC 0044). */
    public static final String SSI_AGENT_WIRE = "application/ssi-agent-wire";

    private final Dispatcher dispatcher;

    /** @param dispatcher the message path */
    public DidcommResource(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Receives one packed message. */
    @POST
    @Consumes({ENVELOPE_ENC, SSI_AGENT_WIRE, MediaType.APPLICATION_JSON})
    public Response receive(byte[] body) {
        return toResponse(dispatcher.dispatch(body, new Transport.Http()));
    }

    static Response toResponse(Dispatcher.Outcome outcome) {
        return switch (outcome) {
            case Dispatcher.Outcome.Accepted(byte[] reply)
            when reply != null -> Response.ok(reply, ENVELOPE_ENC).build();
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
