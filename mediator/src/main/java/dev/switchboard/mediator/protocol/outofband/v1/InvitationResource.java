package dev.switchboard.mediator.protocol.outofband.v1;

import dev.switchboard.mediator.protocol.outofband.v2.OutOfBandV2Handler;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /invitation}: the mediator's out-of-band invitation URL as {@code text/plain}; with {@code
 * Accept: application/json} the invitation JSON itself. {@code ?v=2} selects the out-of-band 2.0 invitation
 * (DIDComm v2, {@code _oob}); the default is out-of-band 1.1 (DIDComm v1, {@code oob}).
 */
@Path("/invitation")
public class InvitationResource {
    /** The DIDComm v2 plaintext media type, which also picks the out-of-band 2.0 invitation JSON. */
    public static final String PLAIN_V2 = "application/didcomm-plain+json";

    private final OutOfBandV1Handler outOfBand;
    private final OutOfBandV2Handler outOfBandV2;

    /** Constructor injection. */
    public InvitationResource(OutOfBandV1Handler outOfBand, OutOfBandV2Handler outOfBandV2) {
        this.outOfBand = outOfBand;
        this.outOfBandV2 = outOfBandV2;
    }

    /**
     * The invitation, as URL or JSON by the Accept header; {@code ?v=2} (or {@code Accept:
     * application/didcomm-plain+json}) picks the out-of-band 2.0 invitation ({@code _oob} URL, or its JSON with
     * {@code Accept: application/json} / {@code application/didcomm-plain+json}); {@code ?v=1} or no {@code v}
     * the out-of-band 1.1 one. Any other {@code v} is 400.
     */
    @GET
    public Response invitation(
            @HeaderParam(HttpHeaders.ACCEPT) @Nullable String accept, @QueryParam("v") @Nullable String version) {
        boolean plainV2 = accept != null && accept.contains(PLAIN_V2);
        if (version != null && !version.equals("1") && !version.equals("2")) {
            return Response.status(400)
                    .entity("v: " + version + " (expected: 1 or 2)")
                    .type(MediaType.TEXT_PLAIN)
                    .build();
        }
        if ("2".equals(version) || (version == null && plainV2)) {
            if (plainV2 || (accept != null && accept.contains(MediaType.APPLICATION_JSON))) {
                return Response.ok(outOfBandV2.invitation(), plainV2 ? PLAIN_V2 : MediaType.APPLICATION_JSON)
                        .build();
            }
            return Response.ok(outOfBandV2.invitationUrl(), MediaType.TEXT_PLAIN)
                    .build();
        }
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(outOfBand.invitation(), MediaType.APPLICATION_JSON)
                    .build();
        }
        return Response.ok(outOfBand.invitationUrl(), MediaType.TEXT_PLAIN).build();
    }
}
