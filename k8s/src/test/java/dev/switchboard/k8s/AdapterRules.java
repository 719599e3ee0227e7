package dev.switchboard.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rule {@code hpa-metric}: every Pods/Object metric an HPA scales on must be served by a
 * Prometheus Adapter {@code rules} entry, every External metric by an {@code externalRules} entry,
 * in the ConfigMap {@value #CONFIG_MAP} (key {@code config.yaml}, the adapter's config format).
 */
final class AdapterRules {
    static final String CONFIG_MAP = "switchboard-prometheus-adapter-rules";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AdapterRules() {}

    static List<String> check(List<HasMetadata> objects) {
        List<String> v = new ArrayList<>();
        List<HorizontalPodAutoscaler> hpas = objects.stream()
                .filter(HorizontalPodAutoscaler.class::isInstance)
                .map(HorizontalPodAutoscaler.class::cast)
                .toList();
        Optional<JsonNode> config = objects.stream()
                .filter(o -> o instanceof ConfigMap
                        && CONFIG_MAP.equals(o.getMetadata().getName()))
                .map(o -> ((ConfigMap) o).getData())
                .filter(d -> d != null && d.containsKey("config.yaml"))
                .map(d -> parse(d.get("config.yaml")))
                .findFirst();
        Set<String> custom = config.map(c -> names(c.path("rules"))).orElse(Set.of());
        Set<String> external = config.map(c -> names(c.path("externalRules"))).orElse(Set.of());
        for (HorizontalPodAutoscaler h : hpas) {
            if (h.getSpec() == null || h.getSpec().getMetrics() == null) {
                continue;
            }
            for (MetricSpec m : h.getSpec().getMetrics()) {
                String id =
                        "hpa-metric: HorizontalPodAutoscaler/" + h.getMetadata().getName() + ": ";
                switch (m.getType()) {
                    case "Pods" -> need(id, m.getPods().getMetric().getName(), custom, "rules", v);
                    case "Object" -> need(id, m.getObject().getMetric().getName(), custom, "rules", v);
                    case "External" -> need(id, m.getExternal().getMetric().getName(), external, "externalRules", v);
                    case "Resource", "ContainerResource" -> {}
                    default -> v.add(id + "unknown metric type " + m.getType());
                }
            }
        }
        return v;
    }

    private static void need(String id, String metric, Set<String> served, String section, List<String> v) {
        if (!served.contains(metric)) {
            v.add(id + "metric " + metric + " has no Prometheus Adapter " + section + " entry in ConfigMap "
                    + CONFIG_MAP);
        }
    }

    /** The metric names a rules list exposes: {@code name.as}, else the literal {@code name.matches}. */
    static Set<String> names(JsonNode rules) {
        Set<String> names = new HashSet<>();
        for (JsonNode r : rules) {
            JsonNode as = r.path("name").path("as");
            names.add(
                    as.isTextual()
                            ? as.asText()
                            : r.path("name").path("matches").asText("").replaceAll("^\\^|\\$$", ""));
        }
        return names;
    }

    static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("Prometheus Adapter config is not YAML: " + e.getMessage(), e);
        }
    }
}
