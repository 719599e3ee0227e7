package dev.switchboard.didcomm.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.subtle.X25519;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidResolver;
import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.v2.ContentEncryption;
import dev.switchboard.didcomm.v2.DidcommV2;
import dev.switchboard.didcomm.v2.Message;
import dev.switchboard.didcomm.v2.PackOptions;
import dev.switchboard.didcomm.v2.PackedMessage;
import dev.switchboard.didcomm.v2.Unpacked;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DIDComm v2 JWE envelopes of a 1 KB plaintext message, one X25519 recipient key, no forward wrapping:
 * unpack and pack of anoncrypt (ECDH-ES+A256KW, XC20P: didcomm-node's default) and authcrypt
 * (ECDH-1PU+A256KW, A256CBC-HS512). Anoncrypt unpack costs one X25519 (libsodium, see {@code
 * X25519Baseline}), authcrypt two, or one for a repeat sender whose static-static Z is cached; {@link
 * #tinkX25519()} is Tink's pure-Java X25519, what Nimbus would use, for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class V2EnvelopeBenchmark {
    private static final String ALICE = "did:example:alice";
    private static final String BOB = "did:example:bob";

    private DidcommV2 aliceSide;
    private DidcommV2 bobSide;
    private Message message;
    private PackOptions anoncrypt;
    private PackOptions authcrypt;
    private String anoncrypted;
    private String authcrypted;
    private byte[] scalar;
    private byte[] point;

    /** Generates Alice's and Bob's X25519 keys and packs one message of each mode. */
    @Setup
    public void setUp() throws JOSEException, InvalidKeyException {
        OctetKeyPair aliceKey = new OctetKeyPairGenerator(Curve.X25519).generate();
        OctetKeyPair bobKey = new OctetKeyPairGenerator(Curve.X25519).generate();
        Map<String, DidDocument> docs = Map.of(ALICE, doc(ALICE, aliceKey), BOB, doc(BOB, bobKey));
        DidResolver dids = did -> Optional.ofNullable(docs.get(did));
        aliceSide = new DidcommV2(dids, new Payloads.MapSecrets().add(new Secret(ALICE + "#key-1", aliceKey)));
        bobSide = new DidcommV2(dids, new Payloads.MapSecrets().add(new Secret(BOB + "#key-1", bobKey)));
        message = message1k();
        anoncrypt = PackOptions.anoncrypt()
                .withAnonEncryption(ContentEncryption.XC20P)
                .withForward(false);
        authcrypt = PackOptions.authcrypt(ALICE).withForward(false);
        anoncrypted = aliceSide.packEncrypted(message, BOB, anoncrypt).packedMessage();
        authcrypted = aliceSide.packEncrypted(message, BOB, authcrypt).packedMessage();
        scalar = X25519.generatePrivateKey();
        point = X25519.publicFromPrivate(X25519.generatePrivateKey());
    }

    /** A DIDComm v2 plaintext whose JSON is exactly {@link Payloads#MESSAGE_BYTES} bytes. */
    static Message message1k() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("content", "");
        Message empty = build(body);
        int filler = Payloads.MESSAGE_BYTES - empty.toJson().getBytes(StandardCharsets.UTF_8).length;
        Message m = build(body.put("content", "x".repeat(filler)));
        if (m.toJson().getBytes(StandardCharsets.UTF_8).length != Payloads.MESSAGE_BYTES) {
            throw new IllegalStateException("message is not " + Payloads.MESSAGE_BYTES + " bytes");
        }
        return m;
    }

    private static Message build(ObjectNode body) {
        return Message.builder("bench", "https://didcomm.org/basicmessage/2.0/message", body)
                .from(ALICE)
                .to(List.of(BOB))
                .createdTime(1_700_000_000L)
                .build();
    }

    private static DidDocument doc(String did, OctetKeyPair key) {
        String kid = did + "#key-1";
        return new DidDocument(
                did,
                List.of(new DidDocument.VerificationMethod(kid, "JsonWebKey2020", did, key.toPublicJWK())),
                List.of(),
                List.of(kid),
                List.of());
    }

    /** Unpacks a 1 KB anoncrypt (ECDH-ES+A256KW, XC20P) JWE: one X25519. */
    @Benchmark
    public Unpacked unpackAnoncrypt() {
        return bobSide.unpack(anoncrypted);
    }

    /**
     * Unpacks a 1 KB authcrypt (ECDH-1PU+A256KW, A256CBC-HS512) JWE from the same sender every time: one X25519
     * (the static-static Z is cached) plus resolving the sender's DID document.
     */
    @Benchmark
    public Unpacked unpackAuthcrypt() {
        return bobSide.unpack(authcrypted);
    }

    /**
     * Unpacks 1 KB authcrypt JWEs from {@link ManySenders#SENDERS} different senders in turn: more than the
     * static-Z cache holds, so each unpack pays both X25519.
     */
    @Benchmark
    public Unpacked unpackAuthcryptNewSender(ManySenders senders) {
        return senders.bob.unpack(senders.next());
    }

    /** Packs a 1 KB message anoncrypt (XC20P) for one recipient: key generation plus one X25519. */
    @Benchmark
    public PackedMessage packAnoncrypt() {
        return aliceSide.packEncrypted(message, BOB, anoncrypt);
    }

    /** Packs a 1 KB message authcrypt (A256CBC-HS512) for one recipient: key generation plus two X25519. */
    @Benchmark
    public PackedMessage packAuthcrypt() {
        return aliceSide.packEncrypted(message, BOB, authcrypt);
    }

    /** Authcrypt messages to Bob from many senders (its own DIDs and keys), packed once per fork. */
    @State(Scope.Benchmark)
    public static class ManySenders {
        /** More senders than {@code Ecdh.STATIC_Z_CACHE_SIZE} (10,000) entries. */
        static final int SENDERS = 16_384;

        DidcommV2 bob;
        String[] packed;
        int index;

        /** Generates the senders and packs one message from each. */
        @Setup
        public void setUp() throws JOSEException {
            OctetKeyPair bobKey = new OctetKeyPairGenerator(Curve.X25519).generate();
            Map<String, DidDocument> docs = new java.util.HashMap<>();
            docs.put(BOB, doc(BOB, bobKey));
            DidResolver dids = did -> Optional.ofNullable(docs.get(did));
            bob = new DidcommV2(dids, new Payloads.MapSecrets().add(new Secret(BOB + "#key-1", bobKey)));
            packed = new String[SENDERS];
            Message template = message1k();
            for (int i = 0; i < SENDERS; i++) {
                String did = "did:example:sender" + i;
                OctetKeyPair key = new OctetKeyPairGenerator(Curve.X25519).generate();
                docs.put(did, doc(did, key));
                var sender = new DidcommV2(dids, new Payloads.MapSecrets().add(new Secret(did + "#key-1", key)));
                Message m = template.toBuilder().from(did).build();
                packed[i] = sender.packEncrypted(
                                m, BOB, PackOptions.authcrypt(did).withForward(false))
                        .packedMessage();
            }
        }

        String next() {
            String p = packed[index];
            index = (index + 1) % SENDERS;
            return p;
        }
    }

    /** One Tink X25519 (Nimbus's own OKP key agreement; the library uses libsodium instead). */
    @Benchmark
    public byte[] tinkX25519() throws GeneralSecurityException {
        return X25519.computeSharedSecret(scalar, point);
    }
}
