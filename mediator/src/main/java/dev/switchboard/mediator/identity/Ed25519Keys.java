package dev.switchboard.mediator.identity;

import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.message.MediatorProblem;
import io.github.novacrypto.base58.Base58;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The two spellings of an Ed25519 public key in DIDComm v1: the raw base58 verkey (RFC 0019 {@code kid}) and
 * {@code did:key:z6Mk...} (<a href="https://w3c-ccg.github.io/did-method-key/">did:key</a>: multibase
 * base58btc of the multicodec {@code ed25519-pub} 0xed 0x01 prefix and the 32 key bytes).
 */
public final class Ed25519Keys {
    private static final byte[] ED25519_PUB = {(byte) 0xed, 0x01};
    private static final String DID_KEY = "did:key:";

    private Ed25519Keys() {}

    /** {@code did:key:z6Mk...} of a base58 verkey. */
    public static String didKey(String verkey) {
        byte[] raw = Base58.base58Decode(verkey);
        byte[] prefixed = new byte[ED25519_PUB.length + raw.length];
        System.arraycopy(ED25519_PUB, 0, prefixed, 0, ED25519_PUB.length);
        System.arraycopy(raw, 0, prefixed, ED25519_PUB.length, raw.length);
        return DID_KEY + "z" + Base58.base58Encode(prefixed);
    }

    /** The multibase fingerprint {@code z6Mk...} of a base58 verkey. */
    public static String fingerprint(String verkey) {
        return didKey(verkey).substring(DID_KEY.length());
    }

    /**
     * Normalises a recipient key as wallets send it: a raw base58 verkey, {@code did:key:z6Mk...} or {@code
     * did:key:z6Mk...#z6Mk...}.
     *
     * @return the base58 verkey, or null when the input is neither form of an Ed25519 key
     */
    public static @Nullable String toVerkey(String key) {
        try {
            if (key.startsWith(DID_KEY)) {
                String id = key.substring(DID_KEY.length());
                int hash = id.indexOf('#');
                if (hash >= 0) {
                    id = id.substring(0, hash);
                }
                if (!id.startsWith("z")) {
                    return null;
                }
                byte[] decoded = Base58.base58Decode(id.substring(1));
                if (decoded.length != 34 || decoded[0] != ED25519_PUB[0] || decoded[1] != ED25519_PUB[1]) {
                    return null;
                }
                return Base58.base58Encode(Arrays.copyOfRange(decoded, 2, 34));
            }
            byte[] raw = Base58.base58Decode(key);
            return raw.length == 32 ? key : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Like {@link #toVerkey} but refuses what is not a key.
     *
     * @throws MediatorProblem {@link ProblemCode#MSG_INVALID}
     */
    public static String requireVerkey(String key) {
        String verkey = toVerkey(key);
        if (verkey == null) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "not an Ed25519 key (base58 or did:key): " + key);
        }
        return verkey;
    }

    /** The base58 verkey of 32 raw public-key bytes. */
    public static String verkey(byte[] publicKey) {
        return Base58.base58Encode(publicKey);
    }
}
