package dev.switchboard.mediator.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.UnaryOperator;

/**
 * The mediator's sealed keys in Redis, written once by the first instance to start (SET NX, first writer
 * wins) and read by all others, so every instance holds the same keys. Values are opaque here (sealed by
 * {@code identity.KeyEncryption}). Key names: {@link Keys#mediatorKeys}. Blocking: called at startup.
 */
@ApplicationScoped
public class MediatorKeyRecords {
    /** The records of the mediator's keys. */
    public enum Record {
        /** The DIDComm v1 Ed25519 invitation and routing keys. */
        DIDCOMM_V1("mediator:keys"),
        /** The DIDComm v2 did:peer Ed25519 authentication and X25519 key-agreement keys. */
        DIDCOMM_V2("mediator:keys:v2");

        private final String label;

        Record(String label) {
            this.label = label;
        }

        /** The record's key name under the prefix, e.g. {@code mediator:keys}. */
        String label() {
            return label;
        }
    }

    /**
     * A record's value.
     *
     * @param name the record's full name (e.g. {@code sb:mediator:keys}), the associated data its value is
     *     sealed with
     * @param value the stored (sealed) value
     * @param created true when this call stored it (the candidate won)
     */
    public record Stored(String name, String value, boolean created) {}

    private final MediatorRedis redis;

    /** Constructor injection. */
    public MediatorKeyRecords(MediatorRedis redis) {
        this.redis = redis;
    }

    /**
     * Stores a candidate unless the record exists, then returns what is stored.
     *
     * @param candidate the value to store, given the record's full name (to seal it under)
     * @throws IllegalStateException when the record vanished between the write and the read
     */
    public Stored putIfAbsent(Record record, UnaryOperator<String> candidate) {
        String key = redis.keys().mediatorKeys(record);
        String value = candidate.apply(key);
        if (Boolean.TRUE.equals(redis.sync().setnx(key, value))) {
            return new Stored(key, value, true);
        }
        String stored = redis.sync().get(key);
        if (stored == null) {
            throw new IllegalStateException(key + " vanished right after SETNX");
        }
        return new Stored(key, stored, false);
    }
}
