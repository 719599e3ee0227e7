package dev.switchboard.socketdock.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments of the benchmark mains. */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();

    BenchArgs(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException(args[i] + " (expected: --name value pairs)");
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
    }

    String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    int integer(String name, int defaultValue) {
        return Integer.parseInt(get(name, Integer.toString(defaultValue)));
    }
}
