package dev.switchboard.mediator.store;

import io.lettuce.core.cluster.SlotHash;

/**
 * Every Redis key name of the mediator's own records, in one place (the queue module's mailbox and route keys
 * are built by its own {@code queue/redis/Keys}). The layout is described in this package's {@code
 * package-info.java}: keys of one wallet carry the wallet's connection key as hash tag ({@code {conn}}, the
 * tag the queue module gives the wallet's mailbox and routes), keys of one socket the socket owner ({@code
 * {instanceId/connectionId}}, the tag of the queue's relay connection record), so Redis Cluster puts each
 * group in one slot.
 */
final class Keys {
    /** Buckets of each due-time set by default ({@code switchboard.redis.due-set-buckets}). */
    static final int DEFAULT_DUE_SET_BUCKETS = 16;

    private final String prefix;
    private final int dueSetBuckets;
    private final String[] deadlineTags;
    private final String[] pushDueTags;

    /** @param prefix {@code switchboard.redis.key-prefix}, e.g. {@code sb}; {@value #DEFAULT_DUE_SET_BUCKETS} buckets */
    Keys(String prefix) {
        this(prefix, DEFAULT_DUE_SET_BUCKETS);
    }

    /**
     * @param prefix {@code switchboard.redis.key-prefix}, e.g. {@code sb}
     * @param dueSetBuckets buckets of each due-time set ({@link DueSets}), {@code 1..1024}
     */
    Keys(String prefix, int dueSetBuckets) {
        if (dueSetBuckets < 1 || dueSetBuckets > 1024) {
            throw new IllegalArgumentException(
                    "switchboard.redis.due-set-buckets: %s (expected: 1..1024)".formatted(dueSetBuckets));
        }
        this.prefix = prefix;
        this.dueSetBuckets = dueSetBuckets;
        this.deadlineTags = spreadTags("dl", dueSetBuckets);
        this.pushDueTags = spreadTags("pd", dueSetBuckets);
    }

    /**
     * Hash tags for {@code n} buckets, bucket {@code i}'s slot in the {@code i}-th of {@code n} equal ranges of
     * the 16,384 cluster slots: {@code {<name>.<i>.<k>}} with the first {@code k} that lands there. Any split of
     * the slots into contiguous ranges per shard (as {@code redis-cli --cluster create} makes) then gives each
     * shard about its share of the buckets; plain {@code {<name>.<i>}} tags put 8 of 16 on one of three shards.
     */
    static String[] spreadTags(String name, int n) {
        String[] tags = new String[n];
        for (int i = 0; i < n; i++) {
            long from = (long) i * SlotHash.SLOT_COUNT / n;
            long to = (long) (i + 1) * SlotHash.SLOT_COUNT / n;
            for (int k = 0; ; k++) {
                String tag = name + "." + i + "." + k;
                int slot = SlotHash.getSlot(tag);
                if (slot >= from && slot < to) {
                    tags[i] = "{" + tag + "}";
                    break;
                }
            }
        }
        return tags;
    }

    /** Buckets of each due-time set. */
    int dueSetBuckets() {
        return dueSetBuckets;
    }

    /**
     * The bucket of a due-time set a wallet's entry lives in: its connection key's {@link String#hashCode()}
     * (specified by the Java platform, so every instance agrees) modulo {@link #dueSetBuckets()}.
     */
    int bucketOf(String conn) {
        return Math.floorMod(conn.hashCode(), dueSetBuckets);
    }

    /**
     * A hash tag of {@code id}: braces in it are replaced, since Redis takes the tag from the first {@code
     * {...}} pair. The same spelling as the queue module's, so a wallet's keys and its mailbox share a slot.
     */
    static String tag(String id) {
        return "{" + id.replace('{', '(').replace('}', ')') + "}";
    }

    /** The key prefix (the queue module's adapters are given it too). */
    String prefix() {
        return prefix;
    }

    /** STRING socket owner ({@code instanceId/connectionId}) the wallet is in live mode on; route lease TTL. */
    String live(String conn) {
        return wallet(conn) + "live";
    }

    /** STRING PIURI of the pickup protocol live mode was turned on with; route lease TTL. */
    String liveProtocol(String conn) {
        return wallet(conn) + "liveproto";
    }

    /** STRING {@code 1} when the wallet picks up with a pickup protocol; no TTL. */
    String pickupUser(String conn) {
        return wallet(conn) + "pickup";
    }

    /**
     * STRING grant time (ISO 8601) of the wallet's mediation; {@code switchboard.quota.unused-mediation-ttl}
     * until the wallet registers a key, then none.
     */
    String mediation(String conn) {
        return wallet(conn) + "med";
    }

    /** SET of the recipient keys (normalised) the wallet registered with keylist-update; no TTL. */
    String keylist(String conn) {
        return wallet(conn) + "kl";
    }

    /**
     * HASH the wallet's registered push devices: {@code <provider>.token}, {@code <provider>.platform} ({@code
     * fcm}, {@code apns}); no TTL.
     */
    String pushDevices(String conn) {
        return wallet(conn) + "push:device";
    }

    /** STRING {@code 1} while the wallet's push interval runs (a notification went out); interval TTL. */
    String pushSent(String conn) {
        return wallet(conn) + "push:sent";
    }

    /** STRING {@code 1} for a grace period after a socket of the wallet closed; grace TTL. */
    String pushActive(String conn) {
        return wallet(conn) + "push:active";
    }

    /**
     * ZSET wallet connection key -> when its push notification is due or claimed until (epoch ms), bucket
     * {@code bucket} ({@link #bucketOf}); tag {@code {pd.<bucket>.<k>}} ({@link #spreadTags}).
     */
    String pushDue(int bucket) {
        return prefix + ":push:due:" + pushDueTags[bucket];
    }

    /** STRING wallet connection key a socket carries, by socket owner; route lease TTL. */
    String socket(String owner) {
        return prefix + ":sock:" + tag(owner);
    }

    /** STRING owning wallet of a recipient key (normalised), the index forwards are routed by; no TTL. */
    String recipientKey(String key) {
        return prefix + ":rk:" + tag(key);
    }

    /**
     * ZSET wallet connection key -> delivery deadline (epoch ms), shared by all instances, bucket {@code bucket}
     * ({@link #bucketOf}); tag {@code {dl.<bucket>.<k>}} ({@link #spreadTags}).
     */
    String deadlines(int bucket) {
        return prefix + ":deadlines:" + deadlineTags[bucket];
    }

    /** The single ZSET of delivery deadlines of versions before the buckets; read once at start to migrate. */
    String legacyDeadlines() {
        return prefix + ":deadlines";
    }

    /** The single ZSET of the push schedule of versions before the buckets; read once at start to migrate. */
    String legacyPushDue() {
        return prefix + ":push:due";
    }

    /**
     * STRING {@code pending} or the final HTTP status of one relay post, by event and {@code Idempotency-Key};
     * processing lease or idempotency TTL.
     */
    String idempotency(String event, String idempotencyKey) {
        return prefix + ":idem:" + event + ":" + tag(idempotencyKey);
    }

    /** STRING the long form of a did:peer:4 short form; no TTL. */
    String didPeer4(String shortForm) {
        return prefix + ":didpeer4:" + tag(shortForm);
    }

    /** STRING the sealed mediator keys of one record; no TTL. */
    String mediatorKeys(MediatorKeyRecords.Record record) {
        return prefix + ":" + record.label();
    }

    /**
     * ZSET wallet connection key -> until when its mediation counts (epoch ms; {@link Double#MAX_VALUE} once it
     * registered a key), read for the global mediation cap; lapsed members dropped on read.
     */
    String mediations() {
        return prefix + ":mediations";
    }

    /**
     * STRING count of messages one sender stored in the wallet's mailbox in the current window, by a digest of
     * the sender; window TTL.
     */
    String senderCount(String conn, String senderDigest) {
        return wallet(conn) + "peer:" + senderDigest;
    }

    /** STRING the instance running a cluster-wide periodic job ({@code name}) now; the job's lease TTL. */
    String lease(String name) {
        return prefix + ":lease:" + name;
    }

    private String wallet(String conn) {
        return prefix + ":w:" + tag(conn) + ":";
    }
}
