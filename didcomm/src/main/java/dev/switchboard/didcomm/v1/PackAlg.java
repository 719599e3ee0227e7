package dev.switchboard.didcomm.v1;

import java.util.Optional;

/**
 * The two DIDComm v1 envelope modes, by their case-sensitive {@code alg} value in the protected header.
 *
 * <p>Source: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0019-encryption-envelope">Aries
 * RFC 0019</a>.
 */
public enum PackAlg {
    /** Sender-authenticated: CEK wrapped with {@code crypto_box}, sender verkey sealed per recipient. */
    AUTHCRYPT("Authcrypt"),
    /** Anonymous: CEK wrapped with {@code crypto_box_seal}. */
    ANONCRYPT("Anoncrypt");

    private final String wireName;

    PackAlg(String wireName) {
        this.wireName = wireName;
    }

    /** The exact {@code alg} value: {@code Authcrypt} or {@code Anoncrypt}. */
    public String wireName() {
        return wireName;
    }

    /** The mode of an {@code alg} value, compared case-sensitively. */
    public static Optional<PackAlg> fromWire(String alg) {
        for (PackAlg a : values()) {
            if (a.wireName.equals(alg)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
