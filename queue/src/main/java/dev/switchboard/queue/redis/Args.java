package dev.switchboard.queue.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Conversions between Java values and Redis bulk strings / script replies. */
final class Args {

    private Args() {}

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    static String string(Object reply) {
        return new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    static long number(Object reply) {
        return ((Number) reply).longValue();
    }

    static long number(List<Object> reply, int index) {
        return number(reply.get(index));
    }
}
