package dev.switchboard.mediator.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code switchboard.redis.uri} names: one standalone server ({@code redis://host:port[/db]}, {@code
 * rediss://...}) or the seed nodes of a Redis Cluster ({@code redis-cluster://h1:p1,h2:p2}, {@code
 * rediss-cluster://...} with TLS).
 *
 * @param cluster true for a Redis Cluster seed list
 * @param uris one {@code redis://} / {@code rediss://} URI per node given (one when standalone), in the
 *     order given
 */
record RedisEndpoint(boolean cluster, List<String> uris) {
    private static final String CLUSTER = "redis-cluster://";
    private static final String CLUSTER_TLS = "rediss-cluster://";

    RedisEndpoint {
        uris = List.copyOf(uris);
    }

    /**
     * Parses the setting.
     *
     * @throws IllegalArgumentException for a cluster seed that is not {@code host:port} (a standalone URI is
     *     checked by Lettuce when connecting)
     */
    static RedisEndpoint parse(String uri) {
        String value = uri.trim();
        boolean tls = value.startsWith(CLUSTER_TLS);
        if (!tls && !value.startsWith(CLUSTER)) {
            return new RedisEndpoint(false, List.of(value)); // Lettuce's RedisURI checks it
        }
        String seeds = value.substring((tls ? CLUSTER_TLS : CLUSTER).length());
        List<String> uris = new ArrayList<>();
        for (String seed : seeds.split(",")) {
            String node = seed.trim();
            if (!node.matches("[^:/@,\\s]+:[0-9]{1,5}")) {
                throw new IllegalArgumentException(
                        "switchboard.redis.uri: seed '%s' of %s (expected: host:port, comma-separated)"
                                .formatted(node, uri));
            }
            uris.add((tls ? "rediss://" : "redis://") + node);
        }
        return new RedisEndpoint(true, uris);
    }
}
