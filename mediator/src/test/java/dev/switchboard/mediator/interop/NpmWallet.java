package dev.switchboard.mediator.interop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.did.DidPeer2;
import io.github.novacrypto.base58.Base58;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A DIDComm v2 party whose packing and unpacking are done by npm libraries through {@link V2Cli}
 * (didcomm-node for its own messages, Veramo when it plays a Veramo agent). Its did:peer:2 lists the X25519
 * key-agreement key first ({@code #key-1}) and the Ed25519 key second ({@code #key-2}), as Veramo imports
 * them, and, when routed, one DIDCommMessaging service whose routing key is the mediator's key-agreement key.
 */
final class NpmWallet {
    final String did;
    final OctetKeyPair agreement;
    final OctetKeyPair signing;

    NpmWallet(@Nullable String routingKey, String endpoint) {
        try {
            agreement = new OctetKeyPairGenerator(Curve.X25519).generate();
            signing = new OctetKeyPairGenerator(Curve.Ed25519).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        String d = "did:peer:2.E" + multibase(0xec, agreement) + ".V" + multibase(0xed, signing);
        if (routingKey != null) {
            d += ".S"
                    + Base64URL.encode("{\"t\":\"dm\",\"s\":{\"uri\":\"" + endpoint
                            + "\",\"a\":[\"didcomm/v2\"],\"r\":[\"" + routingKey + "\"]}}");
        }
        this.did = d;
    }

    private static String multibase(int codec, OctetKeyPair key) {
        byte[] raw = key.getDecodedX();
        byte[] out = new byte[raw.length + 2];
        out[0] = (byte) codec;
        out[1] = 0x01;
        System.arraycopy(raw, 0, out, 2, raw.length);
        return "z" + Base58.base58Encode(out);
    }

    DidDocument document() {
        return DidPeer2.document(did);
    }

    /** A plaintext v2 message from this wallet. */
    ObjectNode message(String type, String to) {
        ObjectNode m = V2Cli.JSON.createObjectNode();
        m.put("id", UUID.randomUUID().toString());
        m.put("type", type);
        m.put("from", did);
        m.putArray("to").add(to);
        m.put("created_time", System.currentTimeMillis() / 1000);
        m.put("return_route", "all");
        m.putObject("body");
        return m;
    }

    /** didcomm-node authcrypt (ECDH-1PU+A256KW, A256CBC-HS512) to {@code to}, optionally forward-wrapped. */
    String nodePack(ObjectNode message, String to, boolean forward, List<DidDocument> docs) {
        ObjectNode req = base(docs);
        req.put("op", "pack");
        req.set("message", message);
        req.put("to", to);
        req.put("from", did);
        req.putObject("options").put("forward", forward);
        return V2Cli.NODE.call(req).get("packed").asText();
    }

    /** didcomm-node unpack (forwards addressed to held keys are opened in turn). */
    ObjectNode nodeUnpack(String packed, List<DidDocument> docs) {
        ObjectNode req = base(docs);
        req.put("op", "unpack");
        req.put("packed", packed);
        return V2Cli.NODE.call(req);
    }

    private ObjectNode base(List<DidDocument> docs) {
        ObjectNode req = V2Cli.JSON.createObjectNode();
        ArrayNode list = req.putArray("didDocs");
        list.add(V2Cli.nodeDoc(document()));
        docs.forEach(d -> list.add(V2Cli.nodeDoc(d)));
        req.putArray("secrets")
                .add(V2Cli.nodeSecret(did + "#key-1", agreement))
                .add(V2Cli.nodeSecret(did + "#key-2", signing));
        return req;
    }

    /** This identity as Veramo imports it. */
    ObjectNode veramoIdentity() {
        return V2Cli.JSON
                .createObjectNode()
                .put("did", did)
                .put("x25519PrivateKeyHex", HexFormat.of().formatHex(agreement.getDecodedD()))
                .put("ed25519PrivateKeyHex", HexFormat.of().formatHex(signing.getDecodedD()));
    }

    /** Veramo authcrypt (its default enc A256GCM) to the message's {@code to}, sent through Veramo's routing. */
    String veramoPack(ObjectNode message) {
        ObjectNode req = V2Cli.JSON.createObjectNode().put("op", "pack").put("packing", "authcrypt");
        req.put("forward", true);
        req.putArray("identities").add(veramoIdentity());
        req.set("message", message);
        return V2Cli.VERAMO.call(req).get("packed").asText();
    }

    /** Veramo unpack with this identity. */
    ObjectNode veramoUnpack(String packed) {
        ObjectNode req = V2Cli.JSON.createObjectNode().put("op", "unpack").put("packed", packed);
        req.putArray("identities").add(veramoIdentity());
        return V2Cli.VERAMO.call(req);
    }
}
