package dev.switchboard.mediator.protocol.outofband.v1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.protocol.outofband.v2.OutOfBandV2Handler;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * An invitation URL of either version: {@code base} with {@code ?<param>=} (or {@code &}) and the unpadded
     * base64url of the invitation's JSON ({@code oob}: RFC 0434; {@code _oob}: DIDComm 2.1 out-of-band).
     */
    public static String url(URI base, String param, ObjectNode invitation) {
        try {
            String oob = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(invitation));
            String text = base.toString();
            return text + (text.contains("?") ? "&" : "?") + param + "=" + oob;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
