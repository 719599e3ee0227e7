package dev.switchboard.didcomm.v1;

import dev.switchboard.didcomm.did.Ed25519;
import dev.switchboard.didcomm.did.Multikey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public-key conversions verkey -> X25519, memoised: the conversion decompresses a curve point, which costs
 * about a quarter of an X25519 operation, and a mediator sees the same few keys again and again. Holds
 * public keys only; bounded (cleared when full).
 */
final class X25519Cache {
    private static final int MAX_ENTRIES = 16_384;
    private final ConcurrentHashMap<String, byte[]> byVerkey = new ConcurrentHashMap<>();

    /** The X25519 public key of a base58 verkey; throws a typed DidcommException for bad keys. */
    byte[] x25519(String verkey) {
        byte[] cached = byVerkey.get(verkey);
        if (cached != null) {
            return cached;
        }
        byte[] x = Ed25519.toX25519PublicKey(Multikey.ed25519(verkey).publicKey());
        if (byVerkey.size() >= MAX_ENTRIES) {
            byVerkey.clear();
        }
        byVerkey.put(verkey, x);
        return x;
    }
}
