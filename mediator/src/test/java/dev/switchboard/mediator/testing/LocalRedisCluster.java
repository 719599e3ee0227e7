package dev.switchboard.mediator.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis Cluster on loopback for tests: {@code primaries} primaries with {@code replicas} replicas each,
 * every node a {@code redis-server} child process (Debian's {@code /usr/bin/redis-server} when installed, else
 * the binary embedded-redis ships), {@code cluster-node-timeout} 1 s so a killed primary's replica takes over
 * within about two seconds. The slots are split into equal contiguous ranges as {@code redis-cli --cluster
 * create} does; the cluster is built with {@code CLUSTER MEET}, {@code ADDSLOTS} and {@code REPLICATE}, and
 * {@link #start} returns once every node reports {@code cluster_state:ok} and every replica is in sync.
 */
public final class LocalRedisCluster implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(60);
    /** Threads of the short-lived admin connections, shared by every node and every cluster. */
    private static final ClientResources RESOURCES = DefaultClientResources.create();

    /** One node: its port and its process. */
    public record Node(int port, Process process) {}

    private final Path dir;
    private final List<Node> primaries;
    private final List<Node> replicas;

    private LocalRedisCluster(Path dir, List<Node> primaries, List<Node> replicas) {
        this.dir = dir;
        this.primaries = primaries;
        this.replicas = replicas;
    }

    /** Starts and joins the nodes; waits until the cluster is ready. */
    public static LocalRedisCluster start(int primaryCount, int replicasPerPrimary) {
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String binary = binary();
        List<Node> primaries = new ArrayList<>();
        List<Node> replicas = new ArrayList<>();
        LocalRedisCluster cluster = new LocalRedisCluster(dir, primaries, replicas);
        try {
            for (int i = 0; i < primaryCount; i++) {
                primaries.add(launch(binary, dir));
            }
            for (int i = 0; i < primaryCount * replicasPerPrimary; i++) {
                replicas.add(launch(binary, dir));
            }
            cluster.join(replicasPerPrimary);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static String binary() {
        File debian = new File("/usr/bin/redis-server");
        if (debian.canExecute()) {
            return debian.getPath();
        }
        try {
            return ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A node port whose cluster bus port ({@code port + 10000}: fixed in Redis 6, the embedded binary; the default
     * in 7) is free too. Both lie below the kernel's ephemeral range (32768..60999 on Linux): an ephemeral node
     * port's bus port could be taken by any client socket's local port (a failover IT once waited a minute for a
     * node that had exited on it), or lie above 65535.
     */
    private static int freeNodePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 17_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(5_000); // bus 27000..31999
            if (bindable(port) && bindable(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free node port with a free bus port in 17000..21999");
    }

    private static boolean bindable(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Node launch(String binary, Path dir) {
        int port = freeNodePort();
        try {
            Process process = new ProcessBuilder(
                            binary,
                            "--port",
                            String.valueOf(port),
                            "--bind",
                            "127.0.0.1",
                            "--cluster-enabled",
                            "yes",
                            "--cluster-config-file",
                            "nodes-" + port + ".conf",
                            "--cluster-node-timeout",
                            "1000",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
                    .start();
            return new Node(port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void join(int replicasPerPrimary) {
        List<Node> all = all();
        for (Node node : all) {
            await("redis-server on " + node.port(), () -> {
                if (!node.process().isAlive()) { // fail at once, with the reason the node gave
                    throw new IllegalStateException("redis-server on " + node.port() + " exited: " + logTail(node));
                }
                try {
                    return "PONG".equals(query(node.port(), RedisCommands::ping));
                } catch (RuntimeException e) {
                    return false;
                }
            });
        }
        withNode(all.get(0).port(), first -> {
            for (Node node : all.subList(1, all.size())) {
                first.clusterMeet("127.0.0.1", node.port());
            }
        });
        for (int i = 0; i < primaries.size(); i++) {
            int from = i * SlotHash.SLOT_COUNT / primaries.size();
            int to = (i + 1) * SlotHash.SLOT_COUNT / primaries.size();
            withNode(
                    primaries.get(i).port(),
                    primary -> primary.clusterAddSlots(IntStream.range(from, to).toArray()));
        }
        await(
                "every node knows all " + all.size(),
                () -> all.stream()
                        .allMatch(n ->
                                query(n.port(), c -> c.clusterNodes().lines().count()) == all.size()));
        for (int i = 0; i < replicas.size(); i++) {
            String primaryId = query(primaries.get(i / replicasPerPrimary).port(), RedisCommands::clusterMyId);
            withNode(replicas.get(i).port(), replica -> replica.clusterReplicate(primaryId));
        }
        await(
                "cluster_state:ok everywhere and replicas in sync",
                () -> all.stream()
                                .allMatch(n ->
                                        query(n.port(), c -> c.clusterInfo()).contains("cluster_state:ok"))
                        && replicas.stream()
                                .allMatch(n -> query(n.port(), c -> c.info("replication"))
                                        .contains("master_link_status:up")));
    }

    /** {@code redis-cluster://127.0.0.1:<port>,...} of every node (the mediator's seed-list syntax). */
    public String seeds() {
        return "redis-cluster://"
                + all().stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /** The primaries as started (a failover does not update this list). */
    public List<Node> primaries() {
        return List.copyOf(primaries);
    }

    /** SIGKILLs a node (no shutdown, no save): what a crashed host does. */
    public void kill(Node node) {
        node.process().destroyForcibly();
        try {
            node.process().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the nodes still running agree again: {@code cluster_state:ok} on each. */
    public void awaitHealthy() {
        await(
                "cluster_state:ok on every live node",
                () -> all().stream()
                        .filter(n -> n.process().isAlive())
                        .allMatch(n -> query(n.port(), c -> c.clusterInfo()).contains("cluster_state:ok")));
    }

    private List<Node> all() {
        List<Node> all = new ArrayList<>(primaries);
        all.addAll(replicas);
        return all;
    }

    private String logTail(Node node) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("redis-" + node.port() + ".log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster: not within " + READY + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void withNode(int port, java.util.function.Consumer<RedisCommands<String, String>> action) {
        query(port, c -> {
            action.accept(c);
            return null;
        });
    }

    private static <T> T query(int port, java.util.function.Function<RedisCommands<String, String>, T> call) {
        RedisClient client = RedisClient.create(RESOURCES, "redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return call.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** Kills every node and removes their files. */
    @Override
    public void close() {
        for (Node node : all()) {
            node.process().destroyForcibly();
        }
        for (Node node : all()) {
            try {
                node.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: target/ is cleaned by the build anyway
        }
    }
}
