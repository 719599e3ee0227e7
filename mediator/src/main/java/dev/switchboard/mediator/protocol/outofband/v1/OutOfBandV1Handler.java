package dev.switchboard.mediator.protocol.outofband.v1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Out-of-band 1.1: the mediator's multi-use invitation (the same on every instance: its {@code @id} derives
 * from the invitation key), and {@code handshake-reuse} -> {@code handshake-reuse-accepted}.
 *
 * <p>Services, in order: one per public WebSocket URL (through the relays), then the public HTTP URL; each a
 * {@code did-communication} service with the invitation key as did:key and no routing keys.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/out-of-band/1.1", roles = "sender")
public class OutOfBandV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/out-of-band/1.1}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/out-of-band/1.1");
    /** The profiles the mediator accepts: DIDComm v1 (AIP 1, AIP 2 with RFC 0019 envelopes). */
    public static final List<String> ACCEPT = List.of("didcomm/aip1", "didcomm/aip2;env=rfc19");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediatorIdentity identity;
    private final MediatorConfig config;

    /** Constructor injection. */
    public OutOfBandV1Handler(MediatorIdentity identity, MediatorConfig config) {
        this.identity = identity;
        this.config = config;
    }

    @Handles("https://didcomm.org/out-of-band/1.1/handshake-reuse")
    Handled handshakeReuse(InboundMessage message) {
        message.requireSender();
        ObjectNode accepted = Messages.create(PIURI.message("handshake-reuse-accepted"));
        ObjectNode thread = accepted.putObject("~thread");
        thread.put("thid", message.thid());
        thread.put("pthid", message.pthid() != null ? message.pthid() : invitationId());
        return Handled.reply(accepted);
    }

    /** The invitation's {@code @id}: a name-based UUID of the invitation key, stable across instances. */
    public String invitationId() {
        return UUID.nameUUIDFromBytes(identity.invitationKey().verkey().getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The public endpoints: WebSocket URLs, then the HTTP URL. */
    public List<URI> endpoints() {
        List<URI> endpoints = new ArrayList<>(config.publicWsUrls());
        endpoints.add(config.publicHttpUrl());
        return endpoints;
    }

    /** The invitation message (RFC 0434). */
    public ObjectNode invitation() {
        ObjectNode invitation = JSON.createObjectNode();
        invitation.put("@type", PIURI.message("invitation").toString());
        invitation.put("@id", invitationId());
        invitation.put("label", config.label());
        ArrayNode accept = invitation.putArray("accept");
        ACCEPT.forEach(accept::add);
        invitation
                .putArray("handshake_protocols")
                .add("https://didcomm.org/didexchange/1.1")
                .add("https://didcomm.org/connections/1.0");
        ArrayNode services = invitation.putArray("services");
        List<URI> endpoints = endpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            ObjectNode service = services.addObject();
            service.put("id", "#inline-" + i);
            service.put("type", "did-communication");
            service.putArray("recipientKeys").add(identity.invitationKey().didKey());
            service.putArray("routingKeys");
            service.put("serviceEndpoint", endpoints.get(i).toString());
            ArrayNode serviceAccept = service.putArray("accept");
            ACCEPT.forEach(serviceAccept::add);
        }
        return invitation;
    }

    /** The invitation URL: the public HTTP URL with {@code ?oob=} base64url (no padding) of the JSON. */
    public String invitationUrl() {
        return InvitationResource.url(config.publicHttpUrl(), "oob", invitation());
    }
}
