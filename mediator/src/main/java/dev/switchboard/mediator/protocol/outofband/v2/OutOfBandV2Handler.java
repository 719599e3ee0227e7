package dev.switchboard.mediator.protocol.outofband.v2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.outofband.v1.InvitationResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Out-of-band 2.0 (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#out-of-band-messages">DIDComm
 * 2.1, Out Of Band Messages</a>): the mediator's invitation {@code {"type":".../out-of-band/2.0/invitation",
 * "id","from":"<mediator did:peer:2>","body":{"goal_code":"request-mediate","goal","label","accept":
 * ["didcomm/v2"]}}}, the same on every instance (its id derives from the DID), and its URL {@code
 * <public HTTP URL>?_oob=<base64url JSON>}. The DID document carries the endpoints. No message of this
 * protocol is received.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/out-of-band/2.0", roles = "sender", generations = DidcommVersion.V2)
public class OutOfBandV2Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/out-of-band/2.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/out-of-band/2.0");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediatorDid identity;
    private final MediatorConfig config;

    /** Constructor injection. */
    public OutOfBandV2Handler(MediatorDid identity, MediatorConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /** The invitation message. */
    public ObjectNode invitation() {
        ObjectNode invitation = JSON.createObjectNode();
        invitation.put("type", PIURI.message("invitation").toString());
        invitation.put(
                "id",
                UUID.nameUUIDFromBytes(identity.did().getBytes(StandardCharsets.UTF_8))
                        .toString());
        invitation.put("from", identity.did());
        ObjectNode body = invitation.putObject("body");
        body.put("goal_code", "request-mediate");
        body.put("goal", "Request mediation");
        body.put("label", config.label());
        body.putArray("accept").add(MediatorDid.ACCEPT);
        return invitation;
    }

    /** The invitation URL: the public HTTP URL with {@code ?_oob=} base64url (no padding) of the JSON. */
    public String invitationUrl() {
        return InvitationResource.url(config.publicHttpUrl(), "_oob", invitation());
    }
}
