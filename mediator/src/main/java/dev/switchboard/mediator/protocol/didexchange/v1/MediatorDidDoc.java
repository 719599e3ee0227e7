package dev.switchboard.mediator.protocol.didexchange.v1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.protocol.outofband.v1.OutOfBandV1Handler;
import io.github.novacrypto.base58.Base58;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The mediator's pairwise DID for DID exchange: a {@code did:peer:1} (genesis document; <a
 * href="https://identity.foundation/peer-did-method-spec/">Peer DID method</a>, numalgo 1) whose document
 * lists the invitation key as {@code Ed25519VerificationKey2018} ({@code #key-1}, authentication) and one
 * {@code did-communication} service per public endpoint with {@code recipientKeys ["#key-1"]}. Sent as a
 * signed {@code did_doc~attach}, which Credo 0.5 and 0.6 accept for numalgo 1.
 *
 * <p>The DID is {@code did:peer:1z} + base58btc of the sha2-256 multihash ({@code 0x12 0x20}) of the
 * document JSON without {@code id}. Every instance derives the same DID from the same key and endpoints.
 *
 * @param did the DID
 * @param document the DID document JSON, with {@code id}
 */
public record MediatorDidDoc(String did, ObjectNode document) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param verkey the invitation key, base58
     * @param endpoints service endpoints in priority order
     */
    public static MediatorDidDoc of(String verkey, List<URI> endpoints) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("@context").add("https://w3id.org/did/v1");
        ObjectNode key = doc.putArray("verificationMethod").addObject();
        key.put("id", "#key-1");
        key.put("type", "Ed25519VerificationKey2018");
        key.put("controller", "#id");
        key.put("publicKeyBase58", verkey);
        doc.putArray("authentication").add("#key-1");
        ArrayNode services = doc.putArray("service");
        for (int i = 0; i < endpoints.size(); i++) {
            ObjectNode service = services.addObject();
            service.put("id", "#inline-" + i);
            service.put("serviceEndpoint", endpoints.get(i).toString());
            service.put("type", "did-communication");
            service.put("priority", i);
            service.putArray("recipientKeys").add("#key-1");
            service.putArray("routingKeys");
            ArrayNode accept = service.putArray("accept");
            OutOfBandV1Handler.ACCEPT.forEach(accept::add);
        }
        String did;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(doc));
            byte[] multihash = new byte[34];
            multihash[0] = 0x12;
            multihash[1] = 0x20;
            System.arraycopy(hash, 0, multihash, 2, 32);
            did = "did:peer:1z" + Base58.base58Encode(multihash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode withId = JSON.createObjectNode();
        withId.put("id", did);
        withId.setAll(doc);
        return new MediatorDidDoc(did, withId);
    }
}
