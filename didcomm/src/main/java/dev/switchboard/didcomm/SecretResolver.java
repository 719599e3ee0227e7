package dev.switchboard.didcomm;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Where the private keys this side holds come from. The mediator implements it over its encrypted key store
 * in Redis; tests use an in-memory map.
 *
 * <p>Key ids are those that appear in envelopes: a base58 Ed25519 verkey for DIDComm v1 (RFC 0019
 * {@code header.kid}), a DID URL such as {@code did:peer:2...#key-1} for DIDComm v2.
 */
public interface SecretResolver {

    /**
     * @param kid a key id as it appears in an envelope
     * @return the secret for that key, or empty when this side does not hold it
     */
    Optional<Secret> findKey(String kid);

    /**
     * @param kids candidate key ids, in envelope order
     * @return the subset of {@code kids} this side holds (order not significant)
     */
    default Set<String> findKeys(Collection<String> kids) {
        var held = new java.util.LinkedHashSet<String>();
        for (String kid : kids) {
            if (findKey(kid).isPresent()) {
                held.add(kid);
            }
        }
        return held;
    }
}
