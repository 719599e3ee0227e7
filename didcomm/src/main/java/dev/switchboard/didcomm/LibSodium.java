package dev.switchboard.didcomm;

import com.goterl.lazysodium.Sodium;
import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;

/**
 * The one libsodium binding of this library (lazysodium-java with its bundled libsodium), loaded once per
 * JVM. Used for the DIDComm v1 primitives (crypto_box, crypto_box_seal, ChaCha20-Poly1305 IETF, Ed25519,
 * Ed25519 to X25519) so that nothing is hand-rolled.
 *
 * <p>Loading extracts the native library into {@code java.io.tmpdir}. The binding is thread-safe: libsodium
 * functions keep no shared mutable state.
 */
public final class LibSodium {
    private static final class Holder {
        static final Sodium SODIUM = load();

        private static Sodium load() {
            Sodium sodium = new SodiumJava(LibraryLoader.Mode.PREFER_BUNDLED);
            if (sodium.sodium_init() < 0) {
                throw new IllegalStateException("sodium_init failed");
            }
            return sodium;
        }
    }

    private LibSodium() {}

    /** The loaded binding; the first call loads libsodium (a few milliseconds). */
    public static Sodium sodium() {
        return Holder.SODIUM;
    }

    /** {@code n} bytes from libsodium's CSPRNG ({@code randombytes_buf}). */
    public static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        sodium().randombytes_buf(out, n);
        return out;
    }
}
