package dev.switchboard.mediator.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.did.CompositeDidResolver;
import dev.switchboard.didcomm.did.DidPeer2;
import dev.switchboard.didcomm.did.DidPeer4;
import dev.switchboard.didcomm.did.KeyType;
import dev.switchboard.didcomm.did.Multikey;
import dev.switchboard.didcomm.v2.DidcommV2;
import dev.switchboard.didcomm.v2.Message;
import dev.switchboard.didcomm.v2.PackOptions;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A DIDComm v2 wallet as a test sees it: its own did:peer:2 (Ed25519 {@code #key-1}, X25519 {@code #key-2};
 * optionally a DIDCommMessaging service routing through a mediator), packing with the didcomm library exactly
 * as a wallet would (authcrypt to the mediator's DID), POSTing to {@code /} and unpacking the reply.
 */
public final class TestWalletV2 {
    /** The v2 encrypted media type. */
    public static final String ENCRYPTED = "application/didcomm-encrypted+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String did;
    private final DidcommV2 didcomm;
    private final String mediatorDid;

    /** A wallet without services. */
    public TestWalletV2(String mediatorDid) {
        this(mediatorDid, null);
    }

    /**
     * @param mediatorDid the mediator's DID (messages go to it)
     * @param routingDid when not null, the wallet's DID document gets a DIDCommMessaging service whose {@code
     *     uri} is {@code http://example.invalid/} and whose routing key is this DID's key-agreement key (senders
     *     wrap messages for the wallet in a forward to it)
     */
    public TestWalletV2(String mediatorDid, String routingDid) {
        this(mediatorDid, routingDid, false);
    }

    /** A wallet without services whose DID is a long-form did:peer:4 (keys {@code #key-1}, {@code #key-2}). */
    public static TestWalletV2 peer4(String mediatorDid) {
        return new TestWalletV2(mediatorDid, null, true);
    }

    private TestWalletV2(String mediatorDid, String routingDid, boolean peer4) {
        this.mediatorDid = mediatorDid;
        OctetKeyPair signing = generate(Curve.Ed25519);
        OctetKeyPair agreement = generate(Curve.X25519);
        if (peer4) {
            ObjectNode input = JSON.createObjectNode();
            input.putArray("@context").add("https://www.w3.org/ns/did/v1").add("https://w3id.org/security/multikey/v1");
            var methods = input.putArray("verificationMethod");
            methods.addObject()
                    .put("id", "#key-1")
                    .put("type", "Multikey")
                    .put("publicKeyMultibase", new Multikey(KeyType.ED25519, signing.getDecodedX()).encode());
            methods.addObject()
                    .put("id", "#key-2")
                    .put("type", "Multikey")
                    .put("publicKeyMultibase", new Multikey(KeyType.X25519, agreement.getDecodedX()).encode());
            input.putArray("authentication").add("#key-1");
            input.putArray("keyAgreement").add("#key-2");
            this.did = DidPeer4.create(input);
        } else {
            this.did = didPeer2(signing, agreement, routingDid);
        }
        Map<String, Secret> secrets = Map.of(
                did + "#key-1",
                new Secret(did + "#key-1", signing),
                did + "#key-2",
                new Secret(did + "#key-2", agreement));
        this.didcomm = new DidcommV2(CompositeDidResolver.builtIn(), kid -> Optional.ofNullable(secrets.get(kid)));
    }

    private static String didPeer2(OctetKeyPair signing, OctetKeyPair agreement, String routingDid) {
        List<DidDocument.Service> services = routingDid == null
                ? List.of()
                : List.of(new DidDocument.Service(
                        "#service",
                        "DIDCommMessaging",
                        URI.create("http://127.0.0.1:18080/"),
                        List.of(routingDid + "#key-2"),
                        List.of("didcomm/v2")));
        return DidPeer2.create(
                List.of(new Multikey(KeyType.ED25519, signing.getDecodedX())),
                List.of(new Multikey(KeyType.X25519, agreement.getDecodedX())),
                services);
    }

    private static OctetKeyPair generate(Curve curve) {
        try {
            return new OctetKeyPairGenerator(curve).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This wallet's DID. */
    public String did() {
        return did;
    }

    /** A v2 message of {@code type} with a fresh id, {@code "return_route":"all"} and an empty body. */
    public static ObjectNode message(String type) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", UUID.randomUUID().toString());
        message.put("type", type);
        message.put("return_route", "all");
        message.putObject("body");
        return message;
    }

    /** The body of a v2 message. */
    public static ObjectNode body(ObjectNode message) {
        return (ObjectNode) message.get("body");
    }

    /** Authcrypts {@code message} from this wallet to the mediator. */
    public byte[] pack(ObjectNode message) {
        ObjectNode m = message.deepCopy();
        m.put("from", did);
        m.putArray("to").add(mediatorDid);
        return didcomm.packEncrypted(
                        parse(m), mediatorDid, PackOptions.authcrypt(did).withForward(false))
                .packedMessage()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Anoncrypts {@code message} to {@code to} (no sender), without forward wrapping. */
    public byte[] anoncrypt(ObjectNode message, String to) {
        return didcomm.packEncrypted(parse(message), to, PackOptions.anoncrypt().withForward(false))
                .packedMessage()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Packs {@code message} for {@code to} as a sender would: authcrypt from this wallet, forward-wrapped. */
    public byte[] packForRecipient(ObjectNode message, String to) {
        ObjectNode m = message.deepCopy();
        m.put("from", did);
        m.putArray("to").add(to);
        return didcomm.packEncrypted(parse(m), to, PackOptions.authcrypt(did))
                .packedMessage()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Unpacks a message addressed to this wallet. */
    public ObjectNode unpack(byte[] packed) {
        try {
            return (ObjectNode) JSON.readTree(didcomm.unpack(new String(packed, StandardCharsets.UTF_8))
                    .message()
                    .toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs packed bytes to {@code /} as {@code application/didcomm-encrypted+json}. */
    public static Response post(byte[] packed) {
        return given().contentType(ENCRYPTED).body(packed).post("/").andReturn();
    }

    /** POSTs {@code message} (return_route all) and returns the unpacked 200 reply. */
    public ObjectNode call(ObjectNode message) {
        Response response = post(pack(message));
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.asString());
        }
        if (!response.contentType().startsWith(ENCRYPTED)) {
            throw new AssertionError("expected " + ENCRYPTED + ", got " + response.contentType());
        }
        return unpack(response.asByteArray());
    }

    private static Message parse(ObjectNode message) {
        try {
            return Message.parse(JSON.writeValueAsString(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
