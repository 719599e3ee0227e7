package dev.switchboard.queue.redis;

/**
 * Key names. Every key of one mailbox or one recipient's routes carries the recipient as hash tag
 * ({@code {recipient}}) so one Lua script can update them atomically in Redis Cluster. Braces in a
 * recipient are replaced, since Redis takes the tag from the first {@code {...}} pair.
 */
final class Keys {

    private final String prefix;

    Keys(String prefix) {
        this.prefix = prefix;
    }

    static String tag(String id) {
        return "{" + id.replace('{', '(').replace('}', ')') + "}";
    }

    /** Mailbox keys, in the order the mailbox scripts take them. */
    String[] mailbox(String recipient) {
        String base = prefix + ":mb:" + tag(recipient) + ":";
        return new String[] {
            base + "pending", // ZSET id -> receivedAt ms
            base + "inflight", // ZSET id -> lease end ms
            base + "expiry", // ZSET id -> expiry ms
            base + "msg", // HASH m:id meta, b:id bytes, d:id ack time, #n, #b, #ib
            base + "done", // ZSET id -> acknowledged at ms (ages the d:id markers)
            base + "dead" // LIST of dead-letter records, newest first
        };
    }

    /** The mailbox keys the common enqueue touches: pending, expiry, msg (see {@link #mailbox}). */
    String[] enqueue(String recipient) {
        String base = prefix + ":mb:" + tag(recipient) + ":";
        return new String[] {base + "pending", base + "expiry", base + "msg"};
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

    String stream(String name) {
        return prefix + ":log:" + tag(name);
    }
}
