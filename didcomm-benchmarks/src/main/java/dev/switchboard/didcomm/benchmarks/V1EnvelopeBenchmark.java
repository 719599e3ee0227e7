package dev.switchboard.didcomm.benchmarks;

import dev.switchboard.didcomm.did.Ed25519;
import dev.switchboard.didcomm.v1.EncryptionEnvelope;
import dev.switchboard.didcomm.v1.UnpackedMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * DIDComm v1 (RFC 0019) envelopes of a 1 KB message, one recipient: unpack and pack, Anoncrypt and Authcrypt.
 * Targets: >= 10,000 anoncrypt unpacks/s and >= 5,000 authcrypt unpacks/s per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class V1EnvelopeBenchmark {
    private EncryptionEnvelope senderSide;
    private EncryptionEnvelope recipientSide;
    private byte[] message;
    private String senderVerkey;
    private List<String> recipients;
    private byte[] anoncrypt;
    private byte[] authcrypt;
    private byte[][] authcryptFromNewSenders;
    private int next;

    /** Distinct senders for {@link #unpackAuthcryptNewSender}: twice the shared-key cache, so it always misses. */
    static final int NEW_SENDERS = 8_192;

    /** Generates keys and packs one message of each mode. */
    @Setup
    public void setUp() {
        Ed25519.KeyPair sender = Ed25519.generate();
        Ed25519.KeyPair recipient = Ed25519.generate();
        senderSide = new EncryptionEnvelope(new Payloads.MapSecrets().add(sender.toSecret()));
        recipientSide = new EncryptionEnvelope(new Payloads.MapSecrets().add(recipient.toSecret()));
        message = Payloads.message1k();
        senderVerkey = sender.verkey();
        recipients = List.of(recipient.verkey());
        anoncrypt = senderSide.packAnoncrypt(message, recipients).getBytes(StandardCharsets.UTF_8);
        authcrypt = senderSide.packAuthcrypt(message, recipients, senderVerkey).getBytes(StandardCharsets.UTF_8);
        authcryptFromNewSenders = new byte[NEW_SENDERS][];
        for (int i = 0; i < NEW_SENDERS; i++) {
            Ed25519.KeyPair s = Ed25519.generate();
            EncryptionEnvelope side = new EncryptionEnvelope(new Payloads.MapSecrets().add(s.toSecret()));
            authcryptFromNewSenders[i] =
                    side.packAuthcrypt(message, recipients, s.verkey()).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Unpacks a 1 KB Anoncrypt envelope (one X25519). */
    @Benchmark
    public UnpackedMessage unpackAnoncrypt() {
        return recipientSide.unpack(anoncrypt);
    }

    /** Unpacks a 1 KB Authcrypt envelope from a repeat sender (one X25519; the box key is cached). */
    @Benchmark
    public UnpackedMessage unpackAuthcrypt() {
        return recipientSide.unpack(authcrypt);
    }

    /** Unpacks a 1 KB Authcrypt envelope, each from a sender not seen recently (two X25519). */
    @Benchmark
    public UnpackedMessage unpackAuthcryptNewSender() {
        byte[] packed = authcryptFromNewSenders[next];
        next = (next + 1) % NEW_SENDERS;
        return recipientSide.unpack(packed);
    }

    /** Packs a 1 KB message Anoncrypt for one recipient. */
    @Benchmark
    public String packAnoncrypt() {
        return senderSide.packAnoncrypt(message, recipients);
    }

    /** Packs a 1 KB message Authcrypt for one recipient. */
    @Benchmark
    public String packAuthcrypt() {
        return senderSide.packAuthcrypt(message, recipients, senderVerkey);
    }
}
