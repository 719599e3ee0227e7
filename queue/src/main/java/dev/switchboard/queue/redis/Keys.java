package dev.switchboard.queue.redis;

/**
 * Key names. Every key of one mailbox or one recipient's routes carries the recipient as hash tag
 * ({@code {recipient}}) so one Lua script can update them atomically in Redis Cluster. Braces in a
 * recipient are replaced, since Redis takes the tag from the first {@code {...}} pair.
 */
final class Keys {

    private final String prefix;
    private final boolean totals;

    /** Keys without the cross-mailbox totals (a Redis Cluster, or no mailboxes). */
    Keys(String prefix) {
        this(prefix, false);
    }

    /**
     * @param totals true to pass the totals and index keys of all mailboxes to the mailbox scripts (a
     *     standalone server only: on a cluster they would be in another slot than the mailbox)
     */
    Keys(String prefix, boolean totals) {
        this.prefix = prefix;
        this.totals = totals;
    }

    /** True when the mailbox scripts keep the totals and the oldest-pending index of all mailboxes. */
    boolean keepsTotals() {
        return totals;
    }

    static String tag(String id) {
        return "{" + id.replace('{', '(').replace('}', ')') + "}";
    }

    /** Mailbox keys, in the order the mailbox scripts take them (see mailbox-prelude.lua). */
    String[] mailbox(String recipient) {
        String base = prefix + ":mb:" + tag(recipient) + ":";
        String[] own = {
            base + "pending", // ZSET id -> receivedAt ms
            base + "inflight", // ZSET id -> lease end ms
            base + "expiry", // ZSET id -> expiry ms
            base + "msg", // HASH m:id meta, b:id bytes, d:id ack time, #n, #b, #ib
            base + "done", // ZSET id -> acknowledged at ms (ages the d:id markers)
            base + "dead", // LIST of dead-letter records, newest first
            base + "deadmsg" // HASH id -> bytes of a dead letter, for a requeue
        };
        if (!totals) {
            return own;
        }
        String[] all = java.util.Arrays.copyOf(own, own.length + 2);
        all[own.length] = mailboxTotals();
        all[own.length + 1] = mailboxIndex();
        return all;
    }

    /** HASH {@code n} messages and {@code b} bytes stored in all mailboxes (standalone only). */
    String mailboxTotals() {
        return prefix + ":mbtotals";
    }

    /** ZSET pending key of a mailbox -> receivedAt ms of its oldest pending message (standalone only). */
    String mailboxIndex() {
        return prefix + ":mbindex";
    }

    /**
     * The recipient of a mailbox's pending key (a member of {@link #mailboxIndex()}), braces as the tag spells
     * them, or null when {@code pendingKey} is not one.
     */
    @org.jspecify.annotations.Nullable
    String recipientOfPending(String pendingKey) {
        String head = prefix + ":mb:{";
        String tail = "}:pending";
        if (!pendingKey.startsWith(head)
                || !pendingKey.endsWith(tail)
                || pendingKey.length() <= head.length() + tail.length()) {
            return null;
        }
        return pendingKey.substring(head.length(), pendingKey.length() - tail.length());
    }

    /** The mailbox keys the common enqueue touches: pending, expiry, msg (see {@link #mailbox}). */
    String[] enqueue(String recipient) {
        String base = prefix + ":mb:" + tag(recipient) + ":";
        return new String[] {base + "pending", base + "expiry", base + "msg"};
    }

    /** The keys appended to a batch of enqueues: none, or the totals and the index (see {@link #mailbox}). */
    String[] enqueueTotals() {
        return totals ? new String[] {mailboxTotals(), mailboxIndex()} : new String[0];
    }

    String routes(String recipient) {
        return prefix + ":rt:" + tag(recipient);
    }

    String connection(String instanceId, String connectionId) {
        return prefix + ":conn:" + tag(instanceId + "/" + connectionId);
    }

    String instance(String instanceId) {
        return prefix + ":relay:" + tag(instanceId);
    }

    /** ZSET relay instance id -> alive-until ms, of heartbeats that reported a socket count. */
    String relays() {
        return prefix + ":relays";
    }

    /** HASH relay instance id -> open sockets it reported last. */
    String relaySockets() {
        return prefix + ":relaysockets";
    }

    String stream(String name) {
        return prefix + ":log:" + tag(name);
    }
}
