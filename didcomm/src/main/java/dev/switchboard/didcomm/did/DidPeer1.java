package dev.switchboard.didcomm.did;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidcommException;
import io.github.novacrypto.base58.Base58;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * did:peer numalgo 1, as DIDComm v1 wallets (Credo 0.5 and earlier) use it: the DID is not resolvable by
 * itself, its document travels in the DID exchange {@code did_doc~attach}. The DID is {@code did:peer:1z} +
 * base58btc(0x12 0x20 || SHA-256(stored variant)), the stored variant being the document without {@code id},
 * serialised as compact JSON in its original key order.
 *
 * <p>Source: <a href="https://identity.foundation/peer-did-method-spec/#method-1-genesis-doc">Peer DID Method,
 * method 1</a>; Credo's {@code didDocumentJsonToNumAlgo1Did}. Checking the hash depends on re-serialising the
 * received JSON exactly as the sender did, so {@link #matches} is a best-effort check; the attachment's
 * signature is what authenticates the document.
 */
public final class DidPeer1 {
    /** The method prefix, {@code did:peer:1}. */
    public static final String PREFIX = "did:peer:1";

    private DidPeer1() {}

    /** The did:peer:1 of a document (its {@code id} is ignored). */
    public static String of(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw DidcommException.invalid("did:peer:1 document: not a JSON object");
        }
        ObjectNode stored = ((ObjectNode) document).deepCopy();
        stored.remove("id");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(DidDocumentJson.JSON.writeValueAsBytes(stored));
            byte[] multihash = new byte[34];
            multihash[0] = 0x12;
            multihash[1] = 0x20;
            System.arraycopy(digest, 0, multihash, 2, 32);
            return PREFIX + "z" + Base58.base58Encode(multihash);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code did} is the did:peer:1 of {@code document} (see the class note on serialisation). */
    public static boolean matches(String did, JsonNode document) {
        return did != null && did.startsWith(PREFIX) && of(document).equals(did);
    }

    /**
     * The document of a did:peer:1 received as an attachment, with {@code did} as its id.
     *
     * @param did the did:peer:1 the message names
     * @param documentJson the attached document (UTF-8 JSON)
     * @throws DidcommException {@code e.p.msg.invalid} when the document is malformed or names another id
     */
    public static DidDocument fromAttachment(String did, byte[] documentJson) {
        if (did == null || !did.startsWith(PREFIX)) {
            throw DidcommException.invalid("did:peer:1: not a did:peer:1");
        }
        if (documentJson == null || documentJson.length > DidDocumentJson.MAX_BYTES) {
            throw DidcommException.invalid("did:peer:1 document: missing or too large");
        }
        JsonNode doc = DidDocumentJson.read(documentJson);
        JsonNode id = doc.get("id");
        if (id != null && !(id.isTextual() && id.asText().equals(did))) {
            throw DidcommException.invalid("did:peer:1 document: id differs from the DID");
        }
        return DidDocumentJson.parse(doc, did);
    }
}
