package dev.switchboard.didcomm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.did.CompositeDidResolver;
import dev.switchboard.didcomm.did.DidDocumentJson;
import dev.switchboard.didcomm.did.DidKey;
import dev.switchboard.didcomm.did.DidPeer2;
import dev.switchboard.didcomm.did.DidPeer4;
import dev.switchboard.didcomm.did.Ed25519;
import dev.switchboard.didcomm.did.KeyType;
import dev.switchboard.didcomm.did.Multikey;
import dev.switchboard.didcomm.did.Verkeys;
import dev.switchboard.didcomm.v1.AttachmentSignatures;
import dev.switchboard.didcomm.v1.EncryptionEnvelope;
import dev.switchboard.didcomm.v1.SignatureDecorator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Property-style robustness: truncated, re-encoded, wrong-typed, oversized and garbage inputs (seeded, so
 * reproducible) must either succeed or fail with a {@link DidcommException} carrying a problem code; no other
 * exception may escape.
 */
class RobustnessTest {
    static final long SEED = 0x5eed_d1dcL;
    static final int ROUNDS = 400;
    static final ObjectMapper JSON = new ObjectMapper();

    final Random random = new Random(SEED);
    final Ed25519.KeyPair alice = Ed25519.fromSeed(new byte[32]);
    final Ed25519.KeyPair bob = Ed25519.fromSeed(filled(32, (byte) 1));
    final EncryptionEnvelope bobSide = new EncryptionEnvelope(secrets(bob), 64 * 1024);
    final EncryptionEnvelope aliceSide = new EncryptionEnvelope(secrets(alice));
    final String anoncrypt = aliceSide.packAnoncrypt(bytes("{\"@type\":\"x\"}"), List.of(bob.verkey()));
    final String authcrypt = aliceSide.packAuthcrypt(
            bytes("{\"@type\":\"y\"}"),
            List.of(
                    bob.verkey(),
                    DidKey.of(Ed25519.fromSeed(filled(32, (byte) 2)).multikey())),
            alice.verkey());

    @Test
    void envelopeUnpackAndDetectNeverLeakUntypedExceptions() throws Exception {
        List<String> inputs = new ArrayList<>();
        for (String base : List.of(anoncrypt, authcrypt)) {
            for (int i = 0; i < ROUNDS; i++) {
                inputs.add(truncate(base));
                inputs.add(flipByte(base));
                inputs.add(wrongTypedOuter(base));
                inputs.add(wrongTypedProtected(base));
                inputs.add(reEncodedProtected(base));
            }
        }
        for (int i = 0; i < ROUNDS; i++) {
            inputs.add(garbage());
        }
        inputs.addAll(List.of(
                "",
                " ",
                "null",
                "[]",
                "{}",
                "\"s\"",
                "1e999999",
                "{\"protected\":null}",
                "[".repeat(10_000),
                "{\"a\":".repeat(5_000),
                "x".repeat(70_000),
                "{\"protected\":\"" + "A".repeat(60_000) + "\",\"iv\":\"\",\"ciphertext\":\"\",\"tag\":\"\"}"));
        inputs.add(withManyRecipients(2_000));
        int ok = 0;
        for (String input : inputs) {
            ok += typedOrOk(input, s -> bobSide.unpack(s));
            typedOrOk(input, Envelopes::detect);
            byte[] invalidUtf8 = input.getBytes(StandardCharsets.UTF_8);
            if (invalidUtf8.length > 0) {
                invalidUtf8[random.nextInt(invalidUtf8.length)] = (byte) 0xC3;
            }
            typedOrOk(invalidUtf8, bobSide::unpack);
        }
        assertThat(ok)
                .as("some mutations (e.g. trailing garbage after JSON) may still unpack")
                .isLessThan(inputs.size());
        assertThat(bobSide.unpack(anoncrypt).plaintextUtf8()).isEqualTo("{\"@type\":\"x\"}");
    }

    @Test
    void didsAndKeysNeverLeakUntypedExceptions() {
        CompositeDidResolver resolver = CompositeDidResolver.builtIn();
        String peer2 = DidPeer2.create(
                List.of(alice.multikey()),
                List.of(new Multikey(KeyType.X25519, alice.x25519PublicKey())),
                List.of(new DidDocument.Service(
                        "#s", "DIDCommMessaging", URI.create("https://x.example"), List.of(), List.of("didcomm/v2"))));
        String peer4 = DidPeer4.create(
                "{\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"Multikey\",\"publicKeyMultibase\":\""
                        + alice.multikey().encode() + "\"}],\"authentication\":[\"#k\"]}");
        List<String> bases =
                List.of(DidKey.of(alice.multikey()), peer2, peer4, DidKey.keyId(alice.multikey()), alice.verkey());
        List<String> inputs = new ArrayList<>();
        for (String base : bases) {
            for (int i = 0; i < ROUNDS; i++) {
                inputs.add(truncate(base));
                inputs.add(flipChar(base));
            }
        }
        for (int i = 0; i < ROUNDS; i++) {
            for (String prefix :
                    List.of("did:key:", "did:key:z", "did:peer:2.", "did:peer:2.S", "did:peer:4zQm", "did:sov:", "")) {
                inputs.add(prefix + garbage());
            }
        }
        inputs.add("did:key:z" + "1".repeat(20_000));
        inputs.add("did:peer:2.V" + "z6Mk".repeat(20_000));
        for (String input : inputs) {
            typedOrOk(input, resolver::resolve);
            typedOrOk(input, Verkeys::normalize);
            typedOrOk(input, Multikey::decode);
            typedOrOk(input, Verkeys::qualifyDid);
            typedOrOk(input, DidPeer4::shortForm);
        }
    }

    @Test
    void didDocumentsNeverLeakUntypedExceptions() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (String f : List.of(
                "credo/didPeer1zQmR.json",
                "credo/didPeer1zQmR-did-comm-service.json",
                "credo/didKeyP256.json",
                "credo/didPeer2Ez6LSe3YyteKQAcaPy.json",
                "did-peer-4/example-3.json")) {
            try (var in = getClass().getResourceAsStream("/vectors/" + f)) {
                docs.add(JSON.readTree(in));
            }
        }
        for (JsonNode doc : docs) {
            for (int i = 0; i < ROUNDS / 4; i++) { // did:peer:4 creation is base58 (quadratic): fewer rounds
                JsonNode mutated = mutateTree(doc.deepCopy());
                typedOrOk(mutated.toString(), DidDocumentJson::parse);
                if (mutated.isObject()) {
                    ((ObjectNode) mutated).remove("id");
                    typedOrOk(mutated.toString(), s -> DidPeer4.create(s));
                }
                typedOrOk(truncate(doc.toString()), DidDocumentJson::parse);
            }
        }
    }

    @Test
    void signaturesNeverLeakUntypedExceptions() {
        AttachmentSignatures.DetachedJws jws = AttachmentSignatures.sign(bytes("{}"), alice);
        SignatureDecorator sig = SignatureDecorator.sign(bytes("{}"), alice, 1);
        for (int i = 0; i < ROUNDS; i++) {
            String g = random.nextBoolean() ? garbage() : flipChar(jws.protectedB64());
            typedOrOk(
                    g,
                    s -> AttachmentSignatures.verify(
                            "e30=", new AttachmentSignatures.DetachedJws(jws.kid(), s, jws.signature()), null));
            typedOrOk(g, s -> AttachmentSignatures.verify(s, jws, null));
            typedOrOk(
                    g,
                    s -> AttachmentSignatures.verify(
                            "e30", new AttachmentSignatures.DetachedJws(s, jws.protectedB64(), jws.signature()), null));
            typedOrOk(g, s -> new SignatureDecorator(sig.type(), sig.signature(), s, sig.signer()).verify());
            typedOrOk(g, s -> new SignatureDecorator(sig.type(), sig.signature(), sig.sigData(), s).verify());
            typedOrOk(g, s -> new SignatureDecorator(sig.type(), s, sig.sigData(), sig.signer()).verify());
        }
    }

    // ---- mutations ----

    String truncate(String s) {
        return s.substring(0, random.nextInt(s.length()));
    }

    String flipByte(String s) {
        char[] c = s.toCharArray();
        int i = random.nextInt(c.length);
        c[i] = (char) (c[i] ^ (1 << random.nextInt(7)));
        return new String(c);
    }

    String flipChar(String s) {
        if (s.isEmpty()) {
            return "x";
        }
        char[] c = s.toCharArray();
        String alphabet = "0OIl+/=_-#:;.zZ\u00e9 \"";
        c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
        return new String(c);
    }

    String garbage() {
        byte[] b = new byte[random.nextInt(200)];
        random.nextBytes(b);
        return switch (random.nextInt(3)) {
            case 0 -> new String(b, StandardCharsets.ISO_8859_1);
            case 1 -> Base64.getUrlEncoder().encodeToString(b);
            default -> "{\"protected\":\"" + Base64.getUrlEncoder().encodeToString(b) + "\"}";
        };
    }

    String wrongTypedOuter(String packed) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(packed);
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(names::add);
        String field = names.get(random.nextInt(names.size()));
        if (random.nextInt(4) == 0) {
            root.remove(field);
        } else {
            root.set(field, randomValue());
        }
        return root.toString();
    }

    String wrongTypedProtected(String packed) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(packed);
        JsonNode header = JSON.readTree(
                Base64.getUrlDecoder().decode(root.get("protected").asText()));
        root.put(
                "protected",
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mutateTree(header).toString().getBytes(StandardCharsets.UTF_8)));
        return root.toString();
    }

    String reEncodedProtected(String packed) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(packed);
        String field = List.of("protected", "iv", "ciphertext", "tag").get(random.nextInt(4));
        byte[] raw = Base64.getUrlDecoder().decode(root.get(field).asText());
        String again = switch (random.nextInt(3)) {
            case 0 -> Base64.getUrlEncoder().encodeToString(raw); // padded
            case 1 -> Base64.getEncoder().encodeToString(raw); // standard alphabet
            default -> Base64.getMimeEncoder().encodeToString(raw); // line breaks
        };
        root.put(field, again);
        return root.toString();
    }

    String withManyRecipients(int n) throws Exception {
        ObjectNode header = JSON.createObjectNode()
                .put("enc", "xchacha20poly1305_ietf")
                .put("typ", "JWM/1.0")
                .put("alg", "Anoncrypt");
        ArrayNode rs = header.putArray("recipients");
        for (int i = 0; i < n; i++) {
            rs.addObject().put("encrypted_key", "AAAA").putObject("header").put("kid", "k" + i);
        }
        return JSON.createObjectNode()
                .put(
                        "protected",
                        Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)))
                .put("iv", "AAAAAAAAAAAAAAAA")
                .put("ciphertext", "")
                .put("tag", "AAAAAAAAAAAAAAAAAAAAAA")
                .toString();
    }

    /** Replaces one random node of the tree with a value of a random other type, or removes it. */
    JsonNode mutateTree(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return randomValue();
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                names.add(it.next().getKey());
            }
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                o.remove(name);
            } else {
                o.set(name, randomValue());
            }
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            a.set(random.nextInt(a.size()), randomValue());
        }
        return root;
    }

    void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(c -> collect(c, out));
        }
    }

    JsonNode randomValue() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(8)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(random.nextInt());
            case 2 -> f.booleanNode(true);
            case 3 -> f.arrayNode().add("x");
            case 4 -> f.objectNode().put("kid", 1);
            case 5 -> f.textNode("");
            case 6 -> f.textNode(garbage());
            default -> f.textNode("#key-" + random.nextInt(5));
        };
    }

    // ---- the property ----

    static <T> int typedOrOk(T input, Function<T, ?> call) {
        try {
            call.apply(input);
            return 1;
        } catch (DidcommException e) {
            assertThat(e.problemCode()).isNotNull();
            assertThat(e.problemCode().code()).startsWith("e.p.");
            return 0;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            fail("untyped " + e + " for input " + abbreviate(String.valueOf(input)), e);
            return 0;
        }
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, b);
        return out;
    }

    static SecretResolver secrets(Ed25519.KeyPair kp) {
        Secret s = kp.toSecret();
        return kid -> kid.equals(s.kid()) ? Optional.of(s) : Optional.empty();
    }
}
