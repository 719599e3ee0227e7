package dev.switchboard.didcomm.benchmarks;

import dev.switchboard.didcomm.LibSodium;
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

/** The ceiling: one raw libsodium X25519 ({@code crypto_scalarmult}) through the same JNA binding. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class X25519Baseline {
    private final byte[] out = new byte[32];
    private byte[] scalar;
    private byte[] point;

    /** A random scalar and a random public point. */
    @Setup
    public void setUp() {
        scalar = LibSodium.randomBytes(32);
        point = new byte[32];
        LibSodium.sodium().crypto_scalarmult_base(point, LibSodium.randomBytes(32));
    }

    /** One X25519 scalar multiplication. */
    @Benchmark
    public byte[] scalarmult() {
        LibSodium.sodium().crypto_scalarmult(out, scalar, point);
        return out;
    }
}
