package dev.switchboard.mediator.protocol.connections.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.subtle.Ed25519Sign;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.identity.MediatorKey;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import dev.switchboard.mediator.protocol.outofband.v1.OutOfBandV1Handler;
import io.github.novacrypto.base58.Base58;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Connections 1.0, responder: {@code request {"label","connection":{"DID","DIDDoc"}}} -> {@code response}
 * whose {@code connection~sig} signs {@code {"DID","DIDDoc"}} of the mediator (an unqualified DID, the
 * invitation key as {@code Ed25519VerificationKey2018}, one {@code IndyAgent} service per public endpoint)
 * with the invitation key: {@code sig_data} = 8-byte big-endian epoch seconds || the JSON, base64url.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/connections/1.0", roles = "inviter")
public class ConnectionsV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/connections/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/connections/1.0");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNATURE_TYPE = "https://didcomm.org/signature/1.0/ed25519Sha512_single";

    private final MediatorIdentity identity;
    private final OutOfBandV1Handler outOfBand;

    /** Constructor injection. */
    public ConnectionsV1Handler(MediatorIdentity identity, OutOfBandV1Handler outOfBand) {
        this.identity = identity;
        this.outOfBand = outOfBand;
    }

    @Handles("https://didcomm.org/connections/1.0/request")
    Handled request(InboundMessage request) {
        request.requireSender(); // the wallet is known by the key it authcrypts with, nothing else is kept
        JsonNode connection = request.body().path("connection");
        if (!connection.isObject()
                || !connection.path("DID").isTextual()
                || !connection.path("DIDDoc").isObject()) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "'connection' must hold 'DID' and 'DIDDoc'");
        }
        ObjectNode response = Messages.create(PIURI.message("response"));
        response.putObject("~thread").put("thid", request.thid());
        response.set("connection~sig", sign(ourConnection(), identity.invitationKey()));
        return Handled.reply(response);
    }

    /** The mediator's {@code connection} object: unqualified DID and legacy DID document. */
    ObjectNode ourConnection() {
        String verkey = identity.invitationKey().verkey();
        String did = Base58.base58Encode(Arrays.copyOf(Base58.base58Decode(verkey), 16));
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@context", "https://w3id.org/did/v1");
        doc.put("id", did);
        ObjectNode key = doc.putArray("publicKey").addObject();
        key.put("id", did + "#1");
        key.put("type", "Ed25519VerificationKey2018");
        key.put("controller", did);
        key.put("publicKeyBase58", verkey);
        ObjectNode auth = doc.putArray("authentication").addObject();
        auth.put("type", "Ed25519SignatureAuthentication2018");
        auth.put("publicKey", did + "#1");
        ArrayNode services = doc.putArray("service");
        List<URI> endpoints = outOfBand.endpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            ObjectNode service = services.addObject();
            service.put("id", did + ";indy" + (i == 0 ? "" : "-" + i));
            service.put("type", "IndyAgent");
            service.put("priority", i);
            service.putArray("recipientKeys").add(verkey);
            service.putArray("routingKeys");
            service.put("serviceEndpoint", endpoints.get(i).toString());
        }
        ObjectNode connection = JSON.createObjectNode();
        connection.put("DID", did);
        connection.set("DIDDoc", doc);
        return connection;
    }

    /** An RFC 0234 ed25519Sha512_single signature decorator over {@code data}. */
    static ObjectNode sign(ObjectNode data, MediatorKey key) {
        try {
            byte[] json = JSON.writeValueAsBytes(data);
            byte[] sigData = ByteBuffer.allocate(8 + json.length)
                    .putLong(Instant.now().getEpochSecond())
                    .put(json)
                    .array();
            byte[] signature = new Ed25519Sign(key.jwk().getDecodedD()).sign(sigData);
            Base64.Encoder b64u = Base64.getUrlEncoder().withoutPadding();
            ObjectNode decorator = JSON.createObjectNode();
            decorator.put("@type", SIGNATURE_TYPE);
            decorator.put("signature", b64u.encodeToString(signature));
            decorator.put("sig_data", b64u.encodeToString(sigData));
            decorator.put("signer", key.verkey());
            return decorator;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("connection signature failed", e);
        }
    }
}
