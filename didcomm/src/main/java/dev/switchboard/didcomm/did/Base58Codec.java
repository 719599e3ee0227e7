package dev.switchboard.didcomm.did;

import dev.switchboard.didcomm.DidcommException;
import io.github.novacrypto.base58.Base58;

/** Base58btc decoding that fails with a typed {@link DidcommException} instead of the library's exception. */
final class Base58Codec {
    /** Longest base58 input accepted (base58 decoding is quadratic): keys and did:peer:4 documents fit. */
    static final int MAX_LENGTH = 8 * 1024;

    private Base58Codec() {}

    static byte[] decode(String base58, String what) {
        if (base58 == null || base58.isEmpty()) {
            throw DidcommException.invalid(what + ": empty base58 value");
        }
        if (base58.length() > MAX_LENGTH) {
            throw DidcommException.invalid(what + ": base58 value too long");
        }
        try {
            return Base58.base58Decode(base58);
        } catch (RuntimeException e) {
            throw DidcommException.invalid(what + ": not base58btc", e);
        }
    }
}
