package dev.switchboard.didcomm.v1;

import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.LibSodium;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libsodium {@code crypto_box_beforenm} results per (recipient kid, sender verkey): an Authcrypt CEK is
 * opened with {@code crypto_box_open_easy_afternm}, so a sender seen before costs no second X25519 —
 * the speed-up libsodium documents for "many messages from the same sender". Bounded (cleared when full),
 * so at most {@value #MAX_ENTRIES} 32-byte shared keys stay in memory; the recipient's secret is still
 * looked up for every message, so a key removed from the {@code SecretResolver} stops working at once.
 */
final class SharedKeyCache {
    static final int MAX_ENTRIES = 4_096;
    private final ConcurrentHashMap<String, byte[]> byPair = new ConcurrentHashMap<>();

    /** The shared key of {@code senderX} and the recipient's X25519 secret. */
    byte[] sharedKey(String recipientKid, String senderVerkey, byte[] senderX, byte[] recipientXsk) {
        String pair = recipientKid + '\n' + senderVerkey;
        byte[] k = byPair.get(pair);
        if (k != null) {
            return k;
        }
        k = new byte[32];
        if (LibSodium.sodium().crypto_box_beforenm(k, senderX, recipientXsk) != 0) {
            throw DidcommException.crypto("sender: key agreement failed");
        }
        if (byPair.size() >= MAX_ENTRIES) {
            byPair.clear();
        }
        byPair.put(pair, k);
        return k;
    }
}
