package dev.switchboard.mediator.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.v1.EncryptionEnvelope;
import dev.switchboard.mediator.identity.Ed25519Keys;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A wallet as a test sees it: its own Ed25519 key, packing with the didcomm library exactly as a wallet
 * would (Authcrypt to the mediator's key), POSTing to {@code /} and unpacking the reply.
 */
public final class TestWallet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OctetKeyPair key;
    private final EncryptionEnvelope envelope;
    private final String mediatorKey;

    /** @param mediatorKey the mediator's invitation verkey, base58 */
    public TestWallet(String mediatorKey) {
        this.mediatorKey = mediatorKey;
        try {
            this.key = new OctetKeyPairGenerator(Curve.Ed25519).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        String verkey = verkey();
        this.envelope = new EncryptionEnvelope(
                kid -> kid.equals(verkey) ? Optional.of(new Secret(verkey, key)) : Optional.empty());
    }

    /** This wallet's base58 verkey. */
    public String verkey() {
        return Ed25519Keys.verkey(key.getDecodedX());
    }

    /** A message of {@code type} with a fresh id and {@code return_route all}. */
    public static ObjectNode message(String type) {
        ObjectNode message = JSON.createObjectNode();
        message.put("@type", type);
        message.put("@id", UUID.randomUUID().toString());
        message.putObject("~transport").put("return_route", "all");
        return message;
    }

    /** Authcrypts {@code message} to the mediator. */
    public byte[] pack(ObjectNode message) {
        return envelope.packAuthcrypt(bytes(message), List.of(mediatorKey), verkey())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Unpacks a message addressed to this wallet. */
    public ObjectNode unpack(byte[] packed) {
        try {
            return (ObjectNode) JSON.readTree(envelope.unpack(packed).plaintext());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs a packed message to {@code /}. */
    public static Response post(byte[] packed) {
        return given().contentType("application/didcomm-envelope-enc")
                .body(packed)
                .post("/")
                .andReturn();
    }

    /** POSTs {@code message} (return_route all) and returns the unpacked 200 reply. */
    public ObjectNode call(ObjectNode message) {
        Response response = post(pack(message));
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.asString());
        }
        return unpack(response.asByteArray());
    }

    /** Anoncrypts a message to {@code recipients} (as a sender of a forward would). */
    public static byte[] anoncrypt(ObjectNode message, List<String> recipients) {
        return new EncryptionEnvelope(kid -> Optional.empty())
                .packAnoncrypt(bytes(message), recipients)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** JSON bytes. */
    public static byte[] bytes(ObjectNode message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON bytes. */
    public static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
