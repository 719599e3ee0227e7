package dev.switchboard.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the relay and the mediator really read and expose, taken from their sources in this checkout,
 * and the rule {@code env-contract} that the manifests use nothing else. Per service: the environment
 * variables it reads, the flags it accepts, the HTTP paths it serves (probes) and the Prometheus series it
 * exports (adapter rules).
 *
 * <p>Sources: the relay's {@code RelayConfigBuilder} and {@code RelayOptions} (every picocli {@code
 * @Option(names = "--name", ...)} is the flag {@code --name} and the variable {@code SOCKETDOCK_NAME}), its {@code HealthHandler}/{@code MetricsHandler} path
 * literals and its {@code RelayMetrics} series names; the mediator's {@code @ConfigMapping} interfaces
 * under {@code mediator/src/main/java/dev/switchboard/mediator/config} (each method, nested group
 * interfaces included, is {@code prefix.kebab-name}, read from {@code PREFIX_KEBAB_NAME} by SmallRye
 * Config's environment mapping), plus the few Quarkus properties in {@link #QUARKUS_KEYS}, each of which
 * must also be set in {@code application.properties} or documented by Quarkus (listed with a reason).
 *
 * @param services by container name ({@code socketdock}, {@code mediator})
 */
record ServiceContract(Map<String, Service> services) {
    /** Read by the {@code java} launcher itself in every JVM container. */
    static final Set<String> JVM_ENV = Set.of("JDK_JAVA_OPTIONS");
    /**
     * Quarkus's own properties the manifests may set, with where each is defined. The two marked
     * {@code application.properties} must also be set there (checked), which proves the spelling;
     * {@code quarkus.shutdown.timeout} is quarkus-core's {@code ShutdownConfig} ({@code @ConfigMapping(prefix =
     * "quarkus.shutdown")}, {@code Optional<Duration> timeout()}; seen with javap in quarkus-core 3.32.1); the two {@code
     * quarkus.http.proxy.*} keys are quarkus-vertx-http's {@code ProxyConfig} ({@code boolean
     * proxyAddressForwarding()}, {@code Optional<Boolean> allowXForwarded()}; javap, quarkus-vertx-http 3.32.1).
     * Quarkus does not warn about unknown {@code QUARKUS_*} environment variables, so this list is the
     * only guard: add a key only after checking its config root the same way.
     */
    static final Map<String, String> QUARKUS_KEYS = Map.of(
            "quarkus.http.host", "application.properties",
            "quarkus.http.port", "application.properties",
            "quarkus.shutdown.timeout", "io.quarkus.runtime.shutdown.ShutdownConfig",
            "quarkus.http.proxy.proxy-address-forwarding", "io.quarkus.vertx.http.runtime.ProxyConfig",
            "quarkus.http.proxy.allow-x-forwarded", "io.quarkus.vertx.http.runtime.ProxyConfig");

    private static final Pattern OPTION = Pattern.compile("@Option\\(\\s*names = \"--([a-z0-9-]+)\"");
    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([a-z0-9.-]+)\"\\)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)\\s*\\{");
    private static final Pattern METHOD =
            Pattern.compile("^\\s+(?:@\\w+(?:\\([^)]*\\))?\\s+)*([\\w.<>, ?]+?)\\s+(\\w+)\\(\\);", Pattern.MULTILINE);
    private static final Pattern RELAY_METRIC = Pattern.compile("\"(socketdock_[a-z_]+)\"");
    private static final Pattern HEALTH_PATH = Pattern.compile("\"(/health/[a-z]+|/metrics)\"");

    /**
     * One service's surface.
     *
     * @param what for messages, e.g. {@code the relay (RelayOptions)}
     * @param env environment variables it reads
     * @param flags flags it accepts (without the value), empty when it takes none
     * @param paths HTTP paths its probes may use
     * @param metrics Prometheus series names it exports
     */
    record Service(String what, Set<String> env, Set<String> flags, Set<String> paths, Set<String> metrics) {}

    /** Reads the contract from the sources under {@code repo} (the checkout root). */
    static ServiceContract fromSources(Path repo) {
        Path relay = repo.resolve("socketdock/relay/src/main/java/dev/switchboard/socketdock/relay");
        // the flags are the @Option setters of RelayConfigBuilder's chain (split by concern); RelayOptions gives
        // them their variables
        String parser = read(relay.resolve("RelayOptions.java"))
                + read(relay.resolve("RelayConfigBuilder.java"))
                + read(relay.resolve("ListenerOptions.java"))
                + read(relay.resolve("BackendOptions.java"))
                + read(relay.resolve("AuthOptions.java"))
                + read(relay.resolve("LimitOptions.java"));
        if (!parser.contains("ENV_PREFIX = \"SOCKETDOCK_\"")) {
            throw new IllegalStateException("RelayOptions no longer reads SOCKETDOCK_<FLAG>: update ServiceContract");
        }
        Set<String> relayEnv = new TreeSet<>(JVM_ENV);
        Set<String> relayFlags = new TreeSet<>();
        for (String name : all(OPTION, parser)) {
            relayFlags.add("--" + name);
            relayEnv.add("SOCKETDOCK_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        // the logging variables, read by the relay's logback.xml (and checked by its Main)
        relayEnv.addAll(all(
                Pattern.compile("\\$\\{(SOCKETDOCK_LOG_[A-Z]+)"),
                read(repo.resolve("socketdock/relay/src/main/resources/logback.xml"))));
        Set<String> relayPaths = new TreeSet<>();
        relayPaths.addAll(all(HEALTH_PATH, read(relay.resolve("pipeline/HealthHandler.java"))));
        relayPaths.addAll(all(HEALTH_PATH, read(relay.resolve("pipeline/MetricsHandler.java"))));
        Set<String> relayMetrics = new TreeSet<>(all(RELAY_METRIC, read(relay.resolve("metrics/RelayMetrics.java"))));

        Path mediator = repo.resolve("mediator");
        Set<String> mediatorEnv = new TreeSet<>(JVM_ENV);
        try (Stream<Path> files = Files.list(mediator.resolve("src/main/java/dev/switchboard/mediator/config"))) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .map(ServiceContract::read)
                    .forEach(src -> mappingProperties(src).forEach(p -> mediatorEnv.add(envName(p))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String properties = read(mediator.resolve("src/main/resources/application.properties"));
        QUARKUS_KEYS.forEach((key, source) -> {
            if (source.equals("application.properties") && !properties.contains("\n" + key + "=")) {
                throw new IllegalStateException(key + " is no longer in application.properties: re-check it");
            }
            mediatorEnv.add(envName(key));
        });
        String pom = read(mediator.resolve("pom.xml"));
        Set<String> mediatorPaths = pom.contains("<artifactId>quarkus-smallrye-health</artifactId>")
                ? Set.of("/q/health/live", "/q/health/ready", "/q/health/started", "/q/health")
                : Set.of();
        Set<String> mediatorMetrics = pom.contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>")
                        && properties.contains("\nquarkus.micrometer.binder.http-server.enabled=true")
                ? Set.of("http_server_requests_seconds_count", "http_server_requests_seconds_sum")
                : Set.of();
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(
                Invariants.RELAY,
                new Service("the relay (RelayOptions)", relayEnv, relayFlags, relayPaths, relayMetrics));
        services.put(
                Invariants.MEDIATOR,
                new Service(
                        "the mediator (@ConfigMapping / Quarkus)",
                        mediatorEnv,
                        Set.of(),
                        mediatorPaths,
                        mediatorMetrics));
        return new ServiceContract(services);
    }

    /**
     * The property names of one {@code @ConfigMapping} source file, nested group interfaces resolved:
     * {@code prefix.kebab-method} for leaves, {@code prefix.group.kebab-method} inside a group.
     */
    static List<String> mappingProperties(String source) {
        Matcher prefix = PREFIX.matcher(source);
        if (!prefix.find()) {
            return List.of();
        }
        Map<String, String> bodies = new LinkedHashMap<>(); // interface name -> own body, nested bodies removed
        Matcher m = INTERFACE.matcher(source);
        while (m.find()) {
            bodies.put(m.group(1), body(source, m.end() - 1));
        }
        for (var e : bodies.entrySet()) {
            String own = e.getValue();
            for (String inner : bodies.keySet()) {
                String innerBody = bodies.get(inner);
                if (!inner.equals(e.getKey()) && own.contains(innerBody)) {
                    own = own.replace(innerBody, "");
                }
            }
            e.setValue(own);
        }
        String root = source.substring(prefix.end()).replaceFirst("(?s)^.*?\\binterface\\s+(\\w+).*$", "$1");
        List<String> out = new ArrayList<>();
        collect(prefix.group(1), root, bodies, out);
        return out;
    }

    private static void collect(String prefix, String type, Map<String, String> bodies, List<String> out) {
        Matcher m = METHOD.matcher(bodies.getOrDefault(type, ""));
        while (m.find()) {
            String returned = m.group(1).trim();
            String name = prefix + "."
                    + m.group(2).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            if (bodies.containsKey(returned)) {
                collect(name, returned, bodies, out);
            } else {
                out.add(name);
            }
        }
    }

    /** The text between the brace at {@code open} and its matching closing brace. */
    private static String body(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') {
                depth++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return s.substring(open + 1, i);
            }
        }
        throw new IllegalArgumentException("unbalanced braces after offset " + open);
    }

    /** SmallRye Config's environment name of a property: non-alphanumerics become {@code _}, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Rule {@code env-contract}: every violation in the render, as {@code "env-contract: <where>: <what>"}. */
    List<String> check(List<HasMetadata> objects) {
        List<String> v = new ArrayList<>();
        for (Workload w : Invariants.workloads(objects)) {
            if (w.template() == null || w.template().getSpec() == null) {
                continue;
            }
            var spec = w.template().getSpec();
            boolean relayPod = Invariants.containers(spec).anyMatch(c -> Invariants.RELAY.equals(c.getName()));
            if (relayPod && !Boolean.FALSE.equals(spec.getEnableServiceLinks())) {
                // a Service named socketdock-x would inject SOCKETDOCK_X_PORT=tcp://..., which the relay
                // parses as its own option when it exists (e.g. a Service "socketdock-internal")
                v.add("env-contract: " + w.id() + ": enableServiceLinks must be false (Service links inject"
                        + " SOCKETDOCK_* variables the relay would read)");
            }
            Invariants.containers(spec).forEach(c -> {
                Service s = services.get(c.getName());
                if (s != null) {
                    container(w.id() + " container " + c.getName(), c, s, objects, v);
                }
            });
        }
        Set<String> exported = new TreeSet<>();
        services.values().forEach(s -> exported.addAll(s.metrics()));
        objects.stream()
                .filter(o -> o instanceof ConfigMap
                        && AdapterRules.CONFIG_MAP.equals(o.getMetadata().getName()))
                .map(o -> ((ConfigMap) o).getData())
                .filter(d -> d != null && d.containsKey("config.yaml"))
                .map(d -> AdapterRules.parse(d.get("config.yaml")))
                .forEach(config -> Stream.of("rules", "externalRules").forEach(section -> {
                    for (JsonNode rule : config.path(section)) {
                        String series = rule.path("seriesQuery").asText("").replaceFirst("[{\\s].*$", "");
                        if (!exported.contains(series)) {
                            v.add("env-contract: ConfigMap/" + AdapterRules.CONFIG_MAP + " " + section + ": series "
                                    + series + " is exported by no service (exported: " + exported + ")");
                        }
                    }
                }));
        return v;
    }

    private static void container(String id, Container c, Service s, List<HasMetadata> objects, List<String> v) {
        List<String> expansions = new ArrayList<>();
        Optional.ofNullable(c.getArgs()).ifPresent(expansions::addAll);
        Optional.ofNullable(c.getCommand()).ifPresent(expansions::addAll);
        List<String> names = new ArrayList<>();
        for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
            names.add(e.getName());
            if (e.getValue() != null) {
                expansions.add(e.getValue());
            }
        }
        for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() == null) {
                v.add("env-contract: " + id + ": envFrom other than a ConfigMap in the render cannot be checked");
                continue;
            }
            String name = from.getConfigMapRef().getName();
            Optional<ConfigMap> cm = objects.stream()
                    .filter(o ->
                            o instanceof ConfigMap && o.getMetadata().getName().equals(name))
                    .map(ConfigMap.class::cast)
                    .findFirst();
            if (cm.isEmpty()) {
                v.add("env-contract: " + id + ": envFrom ConfigMap " + name + " is not in the render");
                continue;
            }
            String p = from.getPrefix() == null ? "" : from.getPrefix();
            Optional.ofNullable(cm.get().getData()).orElse(Map.of()).keySet().forEach(k -> names.add(p + k));
        }
        for (String name : names) {
            boolean expansionOnly = expansions.stream().anyMatch(x -> x.contains("$(" + name + ")"));
            if (!s.env().contains(name) && !expansionOnly) {
                v.add("env-contract: " + id + ": env " + name + " is not read by " + s.what());
            }
        }
        for (String arg : Optional.ofNullable(c.getArgs()).orElse(List.of())) {
            String flag = arg.replaceFirst("=.*$", "");
            if (flag.startsWith("--") && !s.flags().contains(flag)) {
                v.add("env-contract: " + id + ": flag " + flag + " is not accepted by " + s.what());
            }
        }
        for (Probe p : new Probe[] {c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()}) {
            if (p != null
                    && p.getHttpGet() != null
                    && !s.paths().contains(p.getHttpGet().getPath())) {
                v.add("env-contract: " + id + ": probe path " + p.getHttpGet().getPath() + " is not served by "
                        + s.what() + " (serves " + s.paths() + ")");
            }
        }
    }

    private static List<String> all(Pattern p, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("service source " + p + " (ServiceContract reads it)", e);
        }
    }
}
