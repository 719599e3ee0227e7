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

    /** An integer reply, or a bulk reply of ASCII digits (scripts pass times through as strings). */
    static long number(Object reply) {
        return reply instanceof byte[] digits
                ? Long.parseLong(new String(digits, StandardCharsets.US_ASCII))
                : ((Number) reply).longValue();
    }

    static long number(List<Object> reply, int index) {
        return number(reply.get(index));
    }
}
