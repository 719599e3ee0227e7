package dev.switchboard.mediator.protocol.outofband.v1;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /invitation}: the mediator's out-of-band invitation URL as {@code text/plain}; with {@code
 * Accept: application/json} the invitation JSON itself.
 */
@Path("/invitation")
public class InvitationResource {
    private final OutOfBandV1Handler outOfBand;

    /** @param outOfBand builds the invitation */
    public InvitationResource(OutOfBandV1Handler outOfBand) {
        this.outOfBand = outOfBand;
    }

    /** The invitation, as URL or JSON by the Accept header. */
    @GET
    public Response invitation(@HeaderParam(HttpHeaders.ACCEPT) @Nullable String accept) {
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(outOfBand.invitation(), MediaType.APPLICATION_JSON)
                    .build();
        }
        return Response.ok(outOfBand.invitationUrl(), MediaType.TEXT_PLAIN).build();
    }
}
