package dev.switchboard.mediator.store;

import jakarta.enterprise.context.ApplicationScoped;

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

        /**
         * A stable name of the record, e.g. {@code mediator:keys}: the key name under the prefix, and the
         * associated data its value is sealed with.
         */
        public String label() {
            return label;
        }
    }

    /**
     * A record's value.
     *
     * @param value the stored (sealed) value
     * @param created true when this call stored it (the candidate won)
     */
    public record Stored(String value, boolean created) {}

    private final RedisConnection redis;

    /** Constructor injection. */
    public MediatorKeyRecords(RedisConnection redis) {
        this.redis = redis;
    }

    /**
     * Stores {@code candidate} unless the record exists, then returns what is stored.
     *
     * @throws IllegalStateException when the record vanished between the write and the read
     */
    public Stored putIfAbsent(Record record, String candidate) {
        String key = redis.keys().mediatorKeys(record);
        if (Boolean.TRUE.equals(redis.sync().setnx(key, candidate))) {
            return new Stored(candidate, true);
        }
        String stored = redis.sync().get(key);
        if (stored == null) {
            throw new IllegalStateException(key + " vanished right after SETNX");
        }
        return new Stored(stored, false);
    }
}
