package dev.switchboard.loadtest.cluster;

import java.util.List;

/**
 * Extra configuration for every mediator the {@link Cluster} starts: each system property {@code
 * loadtest.mediator.<name>=<value>} of this JVM becomes {@code -D<name>=<value>} on the mediators' command line
 * (e.g. {@code -Dloadtest.mediator.switchboard.push.interval=5s}).
 */
final class MediatorProperties {
    static final String PREFIX = "loadtest.mediator.";

    private MediatorProperties() {}

    /** The {@code -D} options, sorted by name. */
    static List<String> options() {
        return System.getProperties().stringPropertyNames().stream()
                .filter(n -> n.startsWith(PREFIX) && n.length() > PREFIX.length())
                .sorted()
                .map(n -> "-D" + n.substring(PREFIX.length()) + "=" + System.getProperty(n))
                .toList();
    }
}
