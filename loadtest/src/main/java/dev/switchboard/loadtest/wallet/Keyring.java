package dev.switchboard.loadtest.wallet;

import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.SecretResolver;
import dev.switchboard.didcomm.did.Ed25519;
import dev.switchboard.didcomm.v1.EncryptionEnvelope;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The private keys of every virtual wallet of this JVM, by base58 verkey, and the one {@link
 * EncryptionEnvelope} that packs and unpacks for all of them (thread-safe, so its X25519 cache is shared).
 */
public final class Keyring implements SecretResolver {
    /** A keyring of its own (tests); virtual users share {@link #global()}. */
    public Keyring() {}

    private static final Keyring GLOBAL = new Keyring();

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final EncryptionEnvelope envelope = new EncryptionEnvelope(this);

    /** The keyring of this JVM. */
    public static Keyring global() {
        return GLOBAL;
    }

    /** Generates a fresh Ed25519 key pair and holds its secret. */
    public Ed25519.KeyPair generate() {
        Ed25519.KeyPair pair = Ed25519.generate();
        secrets.put(pair.verkey(), pair.toSecret());
        return pair;
    }

    /** Forgets a key (a wallet that is gone for good). */
    public void forget(String verkey) {
        secrets.remove(verkey);
    }

    /** The envelope codec over these keys. */
    public EncryptionEnvelope envelope() {
        return envelope;
    }

    @Override
    public Optional<Secret> findKey(String kid) {
        return Optional.ofNullable(secrets.get(kid));
    }
}
