package dev.switchboard.loadtest.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the system under test on its own, for scenarios whose load comes from several Gatling JVMs: starts a
 * {@link Cluster} from {@code loadtest.*} system properties, writes {@code <runDir>/endpoints.properties}
 * ({@code ws=} and {@code http=} comma lists) and prints {@code CLUSTER READY}, samples the processes every
 * 5 s, and on SIGTERM prints each process's figures (peak RSS, CPU, open files) and stops everything.
 */
public final class ClusterMain {
    private ClusterMain() {}

    /** Entry point; arguments are ignored (configuration is by system properties). */
    public static void main(String[] args) throws IOException, InterruptedException {
        ClusterSpec spec = ClusterSpec.fromSystemProperties();
        Cluster cluster = Cluster.startWithoutHook(spec);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("CLUSTER FIGURES (at stop; peak RSS over 5 s samples)");
            cluster.processes().forEach(p -> {
                ProcessStats s = p.sample();
                System.out.println(s.summary()
                        + p.peakRssKb()
                                .map(k -> String.format(" sampled-peak=%.1f MiB", k / 1024.0))
                                .orElse("")
                        + " peak-fds=" + p.peakOpenFiles());
            });
            cluster.close();
            stopped.countDown();
        }));
        Files.createDirectories(spec.runDir());
        Files.writeString(
                spec.runDir().resolve("endpoints.properties"),
                "ws=" + String.join(",", cluster.wsUrls()) + "\nhttp=" + String.join(",", cluster.httpUrls()) + "\n");
        cluster.processes().forEach(p -> System.out.println("started " + p.name() + " pid=" + p.pid()));
        System.out.println("CLUSTER READY ws=" + cluster.wsUrls() + " http=" + cluster.httpUrls());
        while (!stopped.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
            cluster.sample();
        }
    }
}
